using Chorus.Infrastructure.Publishing;
using Chorus.Posts;
using Chorus.Posts.Publishing;
using Chorus.Tests.Publishing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chorus.Infrastructure.Tests.Publishing;

/// <summary>
/// The fake networks and the publishers registered as the host registers them (<c>AddPublishing</c>: options, the
/// client with its resilience pipeline), one account per network pointing at the fake, on the real clock with short
/// timeouts (one second per attempt, back-off of 50 ms).
/// </summary>
internal sealed class PublishingHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private PublishingHarness(FakeNetworks networks, IReadOnlyDictionary<string, string?> extra)
    {
        Networks = networks;
        Dictionary<string, string?> settings = new()
        {
            ["Publishing:HttpTimeout"] = "00:00:01",
            ["Publishing:RetryDelay"] = "00:00:00.050",
            ["Publishing:MaxRetryDelay"] = "00:00:05",
            ["Publishing:Accounts:masto:Network"] = "mastodon",
            ["Publishing:Accounts:masto:BaseUrl"] = networks.BaseUri.ToString(),
            ["Publishing:Accounts:masto:AccessToken"] = FakeNetworks.Token,
            ["Publishing:Accounts:sky:Network"] = "bluesky",
            ["Publishing:Accounts:sky:BaseUrl"] = networks.BaseUri.ToString(),
            ["Publishing:Accounts:sky:Identifier"] = FakeNetworks.BlueskyHandle,
            ["Publishing:Accounts:sky:AppPassword"] = FakeNetworks.BlueskyPassword,
            ["Publishing:Accounts:bird:Network"] = "x",
            ["Publishing:Accounts:bird:BaseUrl"] = networks.BaseUri.ToString(),
            ["Publishing:Accounts:bird:AccessToken"] = FakeNetworks.Token,
        };
        foreach ((string key, string? value) in extra)
        {
            settings[key] = value;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection().AddPublishing(configuration).BuildServiceProvider();
        Publisher = _services.GetRequiredService<IPublisher>();
    }

    public FakeNetworks Networks { get; }

    public IPublisher Publisher { get; }

    public static async Task<PublishingHarness> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
        => new(await FakeNetworks.StartAsync(), settings ?? new Dictionary<string, string?>());

    /// <summary>The account name of each network's account.</summary>
    public static string Account(string network) => network switch
    {
        "mastodon" => "masto",
        "bluesky" => "sky",
        _ => "bird",
    };

    public static PublishRequest Post(string network, string text, ReplyTarget? replyTo = null, bool mayExist = false, string key = "chorus-20261201abc-test")
        => new(Account(network), text, replyTo is null ? PostKind.Post : PostKind.Reply, replyTo, key, new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero), mayExist);

    public Task<PublishedPost> PublishAsync(string network, string text, ReplyTarget? replyTo = null, bool mayExist = false, string key = "chorus-20261201abc-test")
        => Publisher.PublishAsync(Post(network, text, replyTo, mayExist, key), CancellationToken.None);

    public IReadOnlyList<FakePost> PostsOn(string network) => [.. Networks.Posts.Where(p => p.Network == network)];

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Networks.DisposeAsync();
    }
}
