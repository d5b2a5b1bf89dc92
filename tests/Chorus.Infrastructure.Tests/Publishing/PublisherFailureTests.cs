using Chorus.Posts.Publishing;
using Chorus.Tests.Publishing;

namespace Chorus.Infrastructure.Tests.Publishing;

/// <summary>
/// Each network's publisher against a local server that fails the way networks do: throttling with Retry-After, a
/// server error, accepting the post and then not answering in time, a refused token. Whatever happens, the network
/// ends up with exactly one post, or none and a message the author can act on.
/// </summary>
public sealed class PublisherFailureTests
{
    public static TheoryData<string> Networks => ["mastodon", "bluesky", "x"];

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task A_429_with_Retry_After_is_waited_out_and_the_post_goes_out_once(string network)
    {
        await using PublishingHarness harness = await PublishingHarness.StartAsync();
        harness.Networks.Fail(network, Fault.Throttle(TimeSpan.FromSeconds(1)));

        PublishedPost published = await harness.PublishAsync(network, "Our spring release is out.");

        FakePost post = Assert.Single(harness.PostsOn(network));
        Assert.Equal(post.Id, published.Id);
        Assert.Equal(2, harness.Networks.Requests.Count(r => r.Method == "POST" && IsCreate(r.Path)));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task A_server_error_then_success_publishes_once(string network)
    {
        await using PublishingHarness harness = await PublishingHarness.StartAsync();
        harness.Networks.Fail(network, Fault.ServerError());

        PublishedPost published = await harness.PublishAsync(network, "Our spring release is out.");

        Assert.Equal(Assert.Single(harness.PostsOn(network)).Id, published.Id);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task A_timeout_after_the_network_took_the_post_leaves_exactly_one_post(string network)
    {
        await using PublishingHarness harness = await PublishingHarness.StartAsync();
        harness.Networks.Fail(network, Fault.AcceptThenStall(TimeSpan.FromSeconds(4)));

        PublishedPost published = await harness.PublishAsync(network, "Our spring release is out: https://chorus.com/spring & more.");

        FakePost post = Assert.Single(harness.PostsOn(network));
        Assert.Equal(post.Id, published.Id);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task A_retry_of_the_activity_after_the_post_went_out_finds_it_and_posts_nothing(string network)
    {
        await using PublishingHarness harness = await PublishingHarness.StartAsync();
        PublishedPost first = await harness.PublishAsync(network, "Our spring release is out.");

        PublishedPost again = await harness.PublishAsync(network, "Our spring release is out.", mayExist: true);

        Assert.Equal(first.Id, again.Id);
        Assert.Single(harness.PostsOn(network));
    }

    [Theory]
    [InlineData("mastodon", "The access token is invalid", "Publishing:Accounts:masto:AccessToken")]
    [InlineData("bluesky", "Invalid identifier or password", "Publishing:Accounts:sky:AppPassword")]
    [InlineData("x", "Unauthorized", "Publishing:Accounts:bird:AccessToken")]
    public async Task A_refused_token_fails_for_good_with_the_networks_message_and_the_setting(string network, string message, string setting)
    {
        Dictionary<string, string?> wrong = new()
        {
            ["Publishing:Accounts:masto:AccessToken"] = "revoked",
            ["Publishing:Accounts:sky:AppPassword"] = "wrong-password",
            ["Publishing:Accounts:bird:AccessToken"] = "revoked",
        };
        await using PublishingHarness harness = await PublishingHarness.StartAsync(wrong);

        PublishingException refused = await Assert.ThrowsAsync<PublishingException>(() => harness.PublishAsync(network, "Our spring release is out."));

        Assert.True(refused.Permanent);
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.Contains(setting, refused.Message, StringComparison.Ordinal);
        Assert.Empty(harness.PostsOn(network));
    }

    [Fact]
    public async Task An_expired_Bluesky_access_token_is_refreshed_and_the_post_goes_out()
    {
        await using PublishingHarness harness = await PublishingHarness.StartAsync();
        await harness.PublishAsync("bluesky", "First.");
        harness.Networks.ExpireBlueskyAccess();

        await harness.PublishAsync("bluesky", "Second.", key: "chorus-20261201abd-test");

        Assert.Single(harness.Networks.Requests, r => r.Path == "/xrpc/com.atproto.server.refreshSession");
        Assert.Single(harness.Networks.Requests, r => r.Path == "/xrpc/com.atproto.server.createSession");
        Assert.Equal(["First.", "Second."], harness.PostsOn("bluesky").Select(p => p.Text));
    }

    private static bool IsCreate(string path) => path is "/api/v1/statuses" or "/xrpc/com.atproto.repo.createRecord" or "/2/tweets";
}
