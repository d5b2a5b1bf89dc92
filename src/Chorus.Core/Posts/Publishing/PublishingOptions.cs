namespace Chorus.Posts.Publishing;

/// <summary>
/// Where approved posts are published, bound from <c>Publishing</c>. With no account for a channel, nothing is published
/// there automatically: the author is emailed the approved text with a link to post it by hand.
/// </summary>
public sealed class PublishingOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Publishing";

    /// <summary>Gets the accounts by name (<c>Publishing:Accounts:{name}</c>); at most one per channel.</summary>
    public Dictionary<string, PublishingAccountOptions> Accounts { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the instance whose share page the manual Mastodon link opens (any instance redirects to the author's own after sign-in).</summary>
    public Uri MastodonShareInstance { get; set; } = new("https://mastodon.social/");

    /// <summary>Gets or sets how long one request to a network may take before it counts as failed.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many times a throttled or failed request is tried again within one attempt (0 to 10).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the first back-off; each later one doubles, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Gets or sets the longest wait sat out within one attempt, back-off or <c>Retry-After</c> alike; a network asking
    /// for longer fails the attempt, which the durable retry policy tries again later.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The account serving <paramref name="channel"/>, or null when none does.</summary>
    public KeyValuePair<string, PublishingAccountOptions>? AccountFor(Channel channel)
    {
        foreach (KeyValuePair<string, PublishingAccountOptions> account in Accounts)
        {
            if (account.Value.EffectiveChannel == channel)
            {
                return account;
            }
        }

        return null;
    }
}
