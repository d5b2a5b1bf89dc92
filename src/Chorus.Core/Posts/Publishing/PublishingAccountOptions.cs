namespace Chorus.Posts.Publishing;

/// <summary>
/// One account Chorus publishes with, bound from <c>Publishing:Accounts:{name}</c>. The secrets (<see cref="AccessToken"/>,
/// <see cref="AppPassword"/>) come from configuration only: an environment variable, user secrets, or on Azure an app
/// setting holding a Key Vault reference.
/// </summary>
public sealed class PublishingAccountOptions
{
    /// <summary>Gets or sets the network: <c>mastodon</c>, <c>bluesky</c> or <c>x</c>.</summary>
    public PublishingNetwork? Network { get; set; }

    /// <summary>
    /// Gets or sets the API's base address: the Mastodon instance (<c>https://mastodon.social</c>), the Bluesky PDS
    /// (default <c>https://bsky.social</c>), or X's API (default <c>https://api.x.com</c>).
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Gets or sets the Chorus channel the account serves; by default the network's own.</summary>
    public Channel? Channel { get; set; }

    /// <summary>Gets or sets the Mastodon access token (scope <c>write:statuses</c>) or the X OAuth 2.0 user access token (<c>tweet.write tweet.read users.read</c>).</summary>
    public string? AccessToken { get; set; }

    /// <summary>Gets or sets the Bluesky handle or DID the app password belongs to.</summary>
    public string? Identifier { get; set; }

    /// <summary>Gets or sets the Bluesky app password.</summary>
    public string? AppPassword { get; set; }

    /// <summary>Gets the base address to call: the configured one or the network's default.</summary>
    public Uri? EffectiveBaseUrl => BaseUrl ?? Network switch
    {
        PublishingNetwork.Bluesky => new Uri("https://bsky.social/"),
        PublishingNetwork.X => new Uri("https://api.x.com/"),
        _ => null,
    };

    /// <summary>Gets the channel the account serves: the configured one or the network's own.</summary>
    public Channel? EffectiveChannel => Channel ?? Network switch
    {
        PublishingNetwork.Mastodon => Posts.Channel.Mastodon,
        PublishingNetwork.Bluesky => Posts.Channel.Bluesky,
        PublishingNetwork.X => Posts.Channel.X,
        _ => null,
    };
}
