using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Chorus.Posts;
using Chorus.Posts.Publishing;
using Chorus.Tests.Publishing;

namespace Chorus.Infrastructure.Tests.Publishing;

/// <summary>What each publisher sends: the endpoint, the token, the idempotency the network offers, and a reply's reference to what it answers.</summary>
public sealed partial class PublisherRequestTests
{
    [Fact]
    public async Task Mastodon_posts_a_public_status_with_the_Idempotency_Key_and_gives_its_id_and_url()
    {
        await using PublishingHarness harness = await PublishingHarness.StartAsync();

        PublishedPost published = await harness.PublishAsync("mastodon", "Hello from Chorus.");

        FakeRequest request = Assert.Single(harness.Networks.Requests);
        Assert.Equal(("POST", "/api/v1/statuses"), (request.Method, request.Path));
        Assert.Equal("Bearer " + FakeNetworks.Token, request.Headers["Authorization"]);
        Assert.Equal("chorus-20261201abc-test", request.Headers["Idempotency-Key"]);
        JsonNode body = JsonNode.Parse(request.Body)!;
        Assert.Equal("Hello from Chorus.", body["status"]!.GetValue<string>());
        Assert.Equal("public", body["visibility"]!.GetValue<string>());
        Assert.Null(body["in_reply_to_id"]);
        FakePost post = Assert.Single(harness.PostsOn("mastodon"));
        Assert.Equal(post.Id, published.Id);
        Assert.Equal(new Uri(harness.Networks.BaseUri, $"@chorus/{post.Id}"), published.Url);
    }

    [Fact]
    public async Task A_Mastodon_reply_names_the_status_it_answers_as_in_reply_to_id()
    {
        await using PublishingHarness harness = await PublishingHarness.StartAsync();
        ReplyTarget target = new("mastodon-main", "m-1", "109876", new Uri(harness.Networks.BaseUri, "@angry/109876"));

        await harness.PublishAsync("mastodon", "@angry@example.social sorry, we are on it.", target);

        Assert.Equal("109876", JsonNode.Parse(Assert.Single(harness.PostsOn("mastodon")).Request.ToJsonString())!["in_reply_to_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_Mastodon_reply_to_a_status_on_another_instance_looks_it_up_on_the_accounts_own()
    {
        await using PublishingHarness harness = await PublishingHarness.StartAsync();
        ReplyTarget target = new("mastodon-main", "m-1", "555", new Uri("https://elsewhere.social/@angry/555"));

        await harness.PublishAsync("mastodon", "Sorry, we are on it.", target);

        FakeRequest search = Assert.Single(harness.Networks.Requests, r => r.Path == "/api/v2/search");
        Assert.Contains("resolve=true", search.Query, StringComparison.Ordinal);
        Assert.StartsWith("resolved-", Assert.Single(harness.PostsOn("mastodon")).Request["in_reply_to_id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bluesky_creates_a_feed_post_under_a_record_key_made_from_the_idempotency_key()
    {
        await using PublishingHarness harness = await PublishingHarness.StartAsync();

        PublishedPost published = await harness.PublishAsync("bluesky", "Hello from Chorus.");

        FakeRequest create = Assert.Single(harness.Networks.Requests, r => r.Path == "/xrpc/com.atproto.repo.createRecord");
        Assert.Equal("Bearer access-1", create.Headers["Authorization"]);
        JsonNode body = JsonNode.Parse(create.Body)!;
        Assert.Equal(FakeNetworks.BlueskyDid, body["repo"]!.GetValue<string>());
        Assert.Equal("app.bsky.feed.post", body["collection"]!.GetValue<string>());
        string rkey = body["rkey"]!.GetValue<string>();
        Assert.Matches(Tid(), rkey);
        Assert.Equal(Infrastructure.Publishing.RecordKey.For("chorus-20261201abc-test", new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero)), rkey);
        Assert.Equal("app.bsky.feed.post", body["record"]!["$type"]!.GetValue<string>());
        Assert.Equal("2026-12-01T03:00:00.000Z", body["record"]!["createdAt"]!.GetValue<string>());
        Assert.Null(body["record"]!["reply"]);
        Assert.Null(body["record"]!["facets"]);
        Assert.Equal($"at://{FakeNetworks.BlueskyDid}/app.bsky.feed.post/{rkey}", published.Id);
        Assert.Equal(new Uri($"https://bsky.app/profile/{FakeNetworks.BlueskyDid}/post/{rkey}"), published.Url);
    }

    [Fact]
    public async Task A_Bluesky_reply_to_a_top_level_post_has_it_as_root_and_parent()
    {
        await using PublishingHarness harness = await PublishingHarness.StartAsync();
        const string Mention = "at://did:plc:angry/app.bsky.feed.post/3kabc";
        harness.Networks.AddBlueskyPost(Mention, "bafy-mention", "Your app lost my invoices");

        await harness.PublishAsync("bluesky", "Sorry! We are on it.", new ReplyTarget("bsky", "b-1", Mention, null));

        JsonNode reply = Assert.Single(harness.PostsOn("bluesky")).Request["record"]!["reply"]!;
        Assert.Equal(Mention, reply["parent"]!["uri"]!.GetValue<string>());
        Assert.Equal("bafy-mention", reply["parent"]!["cid"]!.GetValue<string>());
        Assert.Equal(Mention, reply["root"]!["uri"]!.GetValue<string>());
        Assert.Equal("bafy-mention", reply["root"]!["cid"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_Bluesky_reply_to_a_reply_keeps_the_threads_root()
    {
        await using PublishingHarness harness = await PublishingHarness.StartAsync();
        const string Mention = "at://did:plc:angry/app.bsky.feed.post/3kdef";
        harness.Networks.AddBlueskyPost(Mention, "bafy-mention", "Same here", root: ("at://did:plc:first/app.bsky.feed.post/3kroot", "bafy-root"));

        await harness.PublishAsync("bluesky", "Sorry! We are on it.", new ReplyTarget("bsky", "b-1", Mention, null));

        JsonNode reply = Assert.Single(harness.PostsOn("bluesky")).Request["record"]!["reply"]!;
        Assert.Equal((Mention, "bafy-mention"), (reply["parent"]!["uri"]!.GetValue<string>(), reply["parent"]!["cid"]!.GetValue<string>()));
        Assert.Equal(("at://did:plc:first/app.bsky.feed.post/3kroot", "bafy-root"), (reply["root"]!["uri"]!.GetValue<string>(), reply["root"]!["cid"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_Bluesky_reply_to_a_deleted_post_fails_for_good()
    {
        await using PublishingHarness harness = await PublishingHarness.StartAsync();

        PublishingException gone = await Assert.ThrowsAsync<PublishingException>(() => harness.PublishAsync("bluesky", "Sorry!", new ReplyTarget("bsky", "b-1", "at://did:plc:angry/app.bsky.feed.post/gone", null)));

        Assert.True(gone.Permanent);
        Assert.Empty(harness.PostsOn("bluesky"));
    }

    [Fact]
    public async Task A_Bluesky_post_carries_link_and_mention_facets_at_byte_offsets()
    {
        await using PublishingHarness harness = await PublishingHarness.StartAsync();
        harness.Networks.AddBlueskyHandle("ada.bsky.social", "did:plc:ada");
        const string Text = "Thanks 👩‍👩‍👧 café 日本 @ada.bsky.social, see https://chorus.com/spring and @nobody.example";

        await harness.PublishAsync("bluesky", Text);

        JsonArray facets = Assert.Single(harness.PostsOn("bluesky")).Request["record"]!["facets"]!.AsArray();
        Assert.Equal(2, facets.Count);
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(Text);
        string Slice(JsonNode facet) => System.Text.Encoding.UTF8.GetString(utf8, facet["index"]!["byteStart"]!.GetValue<int>(), facet["index"]!["byteEnd"]!.GetValue<int>() - facet["index"]!["byteStart"]!.GetValue<int>());
        Assert.Equal("@ada.bsky.social", Slice(facets[0]!));
        Assert.Equal("app.bsky.richtext.facet#mention", facets[0]!["features"]![0]!["$type"]!.GetValue<string>());
        Assert.Equal("did:plc:ada", facets[0]!["features"]![0]!["did"]!.GetValue<string>());
        Assert.Equal("https://chorus.com/spring", Slice(facets[1]!));
        Assert.Equal("https://chorus.com/spring", facets[1]!["features"]![0]!["uri"]!.GetValue<string>());
    }

    [Fact]
    public async Task X_posts_the_text_and_a_reply_names_the_tweet_it_answers()
    {
        await using PublishingHarness harness = await PublishingHarness.StartAsync();

        PublishedPost post = await harness.PublishAsync("x", "Hello from Chorus.");
        await harness.PublishAsync("x", "@angry sorry, we are on it.", new ReplyTarget("x-main", "x-1", "1790000000000000001", null), key: "chorus-20261201abd-x");

        FakeRequest[] creates = [.. harness.Networks.Requests.Where(r => r.Path == "/2/tweets")];
        Assert.Equal(2, creates.Length);
        Assert.All(creates, c => Assert.Equal("Bearer " + FakeNetworks.Token, c.Headers["Authorization"]));
        Assert.Null(JsonNode.Parse(creates[0].Body)!["reply"]);
        Assert.Equal("Hello from Chorus.", JsonNode.Parse(creates[0].Body)!["text"]!.GetValue<string>());
        Assert.Equal("1790000000000000001", JsonNode.Parse(creates[1].Body)!["reply"]!["in_reply_to_tweet_id"]!.GetValue<string>());
        Assert.Equal(new Uri($"https://x.com/i/web/status/{post.Id}"), post.Url);
        Assert.DoesNotContain(harness.Networks.Requests, r => r.Method == "GET");
    }

    [GeneratedRegex("^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")]
    private static partial Regex Tid();
}
