using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chorus.Infrastructure.Mentions;
using Chorus.Mentions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>The Bluesky connector against a fake PDS: sessions, search, mention notifications, two items a page.</summary>
public sealed class BlueskyMentionSourceTests : IAsyncLifetime
{
    private const string Maren = "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lqabc2k2xs2a";
    private const string Tobi = "at://did:plc:4xk2lw3yq5ypc7g3z7lrn6vb/app.bsky.feed.post/3lqabd7sm4c2b";
    private const string NoHandle = "at://did:plc:q6gjnaw2blty4crticxkmujt/app.bsky.feed.post/3lqabf3vc7k2c";
    private const string Lena = "at://did:plc:7lrn6vbq5ypc4xk2lw3yz7g3/app.bsky.feed.post/3lqabh4xq2s2d";
    private const string TobiAgain = "at://did:plc:4xk2lw3yq5ypc7g3z7lrn6vb/app.bsky.feed.post/3lqacj2ab7s2e";
    private const string LateIndexed = "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lqabj9zz2c2f";
    private const string Fox = "at://did:plc:q6gjnaw2blty4crticxkmujt/app.bsky.feed.post/3lqack4mn6k2g";
    private const string MarenDid = "did:plc:z72i7hdynmk6r22z27h6tvur";
    private const string TobiDid = "did:plc:4xk2lw3yq5ypc7g3z7lrn6vb";
    private const string NoHandleDid = "did:plc:q6gjnaw2blty4crticxkmujt";
    private const string LenaDid = "did:plc:7lrn6vbq5ypc4xk2lw3yz7g3";

    private SourceHarness _harness = null!;
    private FakeBluesky _bluesky = null!;

    public async Task InitializeAsync()
    {
        _harness = await SourceHarness.StartAsync();
        _bluesky = new FakeBluesky().PublishPosts("bluesky-search-posts.json").PublishNotifications("bluesky-notifications.json");
        _harness.Server.Handler = _bluesky.Handle;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task The_first_search_opens_a_session_pages_with_the_cursor_and_hands_over_oldest_first()
    {
        MentionBatch batch = await Source().PollAsync(null);

        MentionAssert.Batch(batch, [Maren, Tobi, NoHandle, Lena], "2025-06-02T09:11:30.7770000Z");
        ServedRequest session = _harness.Server.Requests[0];
        Assert.Equal(("POST", FakeBluesky.SessionPath), (session.Method, session.Path));
        using (JsonDocument credentials = JsonDocument.Parse(session.Body))
        {
            Assert.Equal(FakeBluesky.AccountHandle, credentials.RootElement.GetProperty("identifier").GetString());
            Assert.Equal(FakeBluesky.AppPassword, credentials.RootElement.GetProperty("password").GetString());
        }

        ServedRequest[] searches = [.. _harness.Server.Requests.Where(request => request.Path == FakeBluesky.SearchPath)];
        MentionAssert.Params(searches, "cursor", null, "2");
        Assert.All(searches, request =>
        {
            Assert.Equal((FakeBluesky.SearchPath, "acme", "latest", "100"), (request.Path, request.Param("q"), request.Param("sort"), request.Param("limit")));
            Assert.Equal("Bearer access-jwt-1", request.Header("Authorization"));
            Assert.Null(request.Param("since"));
        });
    }

    [Fact]
    public async Task A_post_is_normalised_with_its_web_address()
    {
        MentionBatch batch = await Source().PollAsync(null);

        Mention tobi = batch.Mentions[1];
        Assert.Equal(new Uri("https://bsky.app/profile/tobi.dev/post/3lqabd7sm4c2b"), tobi.Url);
        Assert.Equal(("tobi.dev", "Tobi", (long?)88211), (tobi.AuthorHandle, tobi.AuthorName, tobi.AuthorReach));
        Assert.Equal(("Acme logged me out <again>. Third time today", "en"), (tobi.Text, tobi.Language));
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 9, 4, 10, TimeSpan.Zero), tobi.CreatedAt);
        using JsonDocument raw = JsonDocument.Parse(tobi.RawPayload);
        Assert.Equal(Tobi, raw.RootElement.GetProperty("uri").GetString());

        // An author whose handle no longer resolves is known by their DID.
        Mention noHandle = batch.Mentions[2];
        Assert.Equal(new Uri("https://bsky.app/profile/did:plc:q6gjnaw2blty4crticxkmujt/post/3lqabf3vc7k2c"), noHandle.Url);
        Assert.Equal(("did:plc:q6gjnaw2blty4crticxkmujt", (string?)null, "de"), (noHandle.AuthorHandle, noHandle.AuthorName, noHandle.Language));
    }

    [Fact]
    public async Task An_incremental_search_reaches_back_for_posts_indexed_late_and_repeats_nothing()
    {
        IMentionSource source = Source();
        MentionBatch first = await source.PollAsync(null);
        _bluesky.PublishPosts("bluesky-search-posts-newer.json");
        int before = _harness.Server.Requests.Count;

        MentionBatch second = await source.PollAsync(first.Cursor);
        MentionBatch third = await source.PollAsync(second.Cursor);

        // LateIndexed was written at 09:09:58, before the first poll's newest post, but indexed at 09:21.
        MentionAssert.Batch(second, [TobiAgain, LateIndexed, Fox], "2025-06-02T09:25:12.9500000Z");
        MentionAssert.Batch(third, [], second.Cursor);
        Assert.Equal("2025-06-02T09:01:30.777Z", _harness.Server.Requests[before].Param("since"));
        Assert.Equal(1, _bluesky.SessionsCreated);
    }

    [Fact]
    public async Task The_cap_never_splits_a_time_and_the_next_poll_continues_from_the_last_post_handed_over()
    {
        IMentionSource source = Source(maxItemsPerPoll: 2);

        MentionBatch first = await source.PollAsync("2025-06-02T08:00:00.0000000Z");
        MentionBatch second = await source.PollAsync(first.Cursor);

        MentionAssert.Batch(first, [Maren, Tobi], "2025-06-02T09:04:10.6040000Z", caughtUp: false);
        MentionAssert.Batch(second, [NoHandle, Lena], "2025-06-02T09:11:30.7770000Z");
    }

    [Fact]
    public async Task Pages_that_overlap_hand_over_each_post_once()
    {
        _bluesky.OverlappingPages = true;

        MentionBatch batch = await Source().PollAsync(null);

        MentionAssert.Batch(batch, [Maren, Tobi, NoHandle, Lena], "2025-06-02T09:11:30.7770000Z");
    }

    [Fact]
    public async Task An_empty_search_is_caught_up_and_keeps_the_cursor()
    {
        MentionBatch batch = await Source().PollAsync("2025-06-02T12:00:00.0000000Z");

        MentionAssert.Batch(batch, [], "2025-06-02T12:00:00.0000000Z");
    }

    [Fact]
    public async Task Without_a_query_the_mention_notifications_are_read_and_other_reasons_skipped()
    {
        IMentionSource source = Source(query: null);

        MentionBatch first = await source.PollAsync(null);

        MentionAssert.Batch(first, [Maren, Tobi, NoHandle], "2025-06-02T09:07:45.0030000Z");
        Assert.All(_harness.Server.Requests.Where(request => request.Path == FakeBluesky.NotificationsPath), request =>
        {
            Assert.Equal(("mention", "100"), (request.Param("reasons"), request.Param("limit")));
            Assert.Equal("Bearer access-jwt-1", request.Header("Authorization"));
        });
        Assert.Equal(new Uri("https://bsky.app/profile/maren.bsky.social/post/3lqabc2k2xs2a"), first.Mentions[0].Url);
    }

    [Fact]
    public async Task Notifications_stop_paging_at_the_cursor()
    {
        IMentionSource source = Source(query: null);

        MentionBatch batch = await source.PollAsync("2025-06-02T09:04:10.6040000Z");

        MentionAssert.Batch(batch, [NoHandle], "2025-06-02T09:07:45.0030000Z");
        Assert.Equal(2, _harness.Server.Requests.Count(request => request.Path == FakeBluesky.NotificationsPath));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_expired_session_is_opened_again_once(bool expiredAs400)
    {
        IMentionSource source = Source();
        MentionBatch first = await source.PollAsync(null);
        _bluesky.ExpireSession();
        _bluesky.ExpiredAs400 = expiredAs400;
        _bluesky.PublishPosts("bluesky-search-posts-newer.json");

        MentionBatch second = await source.PollAsync(first.Cursor);

        MentionAssert.Batch(second, [TobiAgain, LateIndexed, Fox], "2025-06-02T09:25:12.9500000Z");
        Assert.Equal(2, _bluesky.SessionsCreated);
        Assert.Equal("Bearer access-jwt-2", _harness.Server.Requests[^1].Header("Authorization"));
    }

    [Fact]
    public async Task A_token_refused_again_after_a_new_session_is_a_failure()
    {
        IMentionSource source = Source();
        MentionBatch first = await source.PollAsync(null);
        Reply refused = new(401, """{"error":"AuthenticationRequired","message":"Authentication Required"}""");
        _harness.Server.Script(FakeBluesky.SearchPath, refused);
        _harness.Server.Script(FakeBluesky.SearchPath, refused);

        MentionSourceException failure = await MentionAssert.FailsAsync(source, first.Cursor);

        Assert.Contains(
            $"was refused (401 Unauthorized): check Mentions:Sources:{SourceHarness.SourceName}:Handle and Mentions:Sources:{SourceHarness.SourceName}:AppPassword",
            failure.Message,
            StringComparison.Ordinal);
        Assert.Equal(2, _bluesky.SessionsCreated);
    }

    [Fact]
    public async Task A_wrong_app_password_fails_at_session_creation_naming_the_settings()
    {
        IMentionSource source = _harness.Create(new MentionSourceOptions
        {
            Kind = "Bluesky",
            Schedule = "*/5 * * * *",
            Endpoint = _harness.Server.BaseUri,
            Handle = FakeBluesky.AccountHandle,
            AppPassword = "wrong-wrong-wrong-wrong",
            Query = "acme",
        });

        MentionSourceException failure = await MentionAssert.FailsAsync(source);

        Assert.Contains($"POST {_harness.Server.BaseUri}xrpc/com.atproto.server.createSession was refused (401 Unauthorized)", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-wrong", failure.Message, StringComparison.Ordinal);
        Assert.Equal([FakeBluesky.SessionPath], _harness.Server.Requests.Select(request => request.Path).ToArray());
    }

    [Fact]
    public async Task Reach_is_the_followers_count_from_one_getProfiles_call_for_the_batchs_authors()
    {
        MentionBatch batch = await Source().PollAsync(null);

        Assert.Equal([1523L, 88211L, 37L, 5312L], batch.Mentions.Select(mention => mention.AuthorReach));
        ServedRequest lookup = Assert.Single(_harness.Server.Requests, request => request.Path == FakeBluesky.ProfilesPath);
        Assert.Equal([TobiDid, LenaDid, NoHandleDid, MarenDid], lookup.Param("actors")!.Split(',').Order(StringComparer.Ordinal));
        Assert.Equal("Bearer access-jwt-1", lookup.Header("Authorization"));
    }

    [Fact]
    public async Task An_author_seen_again_by_any_source_is_not_looked_up_again_until_the_cache_lifetime_has_passed()
    {
        await Source().PollAsync(null);
        await Source().PollAsync(null);
        await Source(query: null).PollAsync(null);

        Assert.Single(_harness.Server.Requests, request => request.Path == FakeBluesky.ProfilesPath);

        _harness.Time.Advance(BlueskyReachCache.Lifetime + TimeSpan.FromSeconds(1));
        MentionBatch later = await Source().PollAsync(null);

        Assert.Equal(2, _harness.Server.Requests.Count(request => request.Path == FakeBluesky.ProfilesPath));
        Assert.Equal(88211, later.Mentions[1].AuthorReach);
    }

    [Fact]
    public async Task Many_authors_are_looked_up_25_a_call()
    {
        JsonNode post = Payloads.Json("bluesky-search-posts.json")["posts"]![0]!;
        JsonNode profile = Payloads.Json("bluesky-profiles.json")["profiles"]![0]!;
        JsonArray posts = [], profiles = [];
        for (int i = 0; i < 30; i++)
        {
            string did = $"did:plc:author{i:D2}abcdefghijklmnop";
            string time = new DateTimeOffset(2025, 6, 2, 9, 0, i, TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            JsonNode copy = post.DeepClone();
            copy["uri"] = $"at://{did}/app.bsky.feed.post/3lqz{i:D2}aaaa2a";
            copy["author"]!["did"] = did;
            copy["author"]!["handle"] = $"author{i}.bsky.social";
            copy["record"]!["createdAt"] = time;
            copy["indexedAt"] = time;
            posts.Add(copy);
            JsonNode account = profile.DeepClone();
            account["did"] = did;
            account["handle"] = $"author{i}.bsky.social";
            account["followersCount"] = 1000 + i;
            profiles.Add(account);
        }

        _bluesky = new FakeBluesky { PageSize = 100 }.PublishPosts(new JsonObject { ["posts"] = posts }).PublishProfiles(new JsonObject { ["profiles"] = profiles });
        _harness.Server.Handler = _bluesky.Handle;

        MentionBatch batch = await Source().PollAsync(null);

        Assert.Equal(Enumerable.Range(1000, 30).Select(count => (long?)count), batch.Mentions.Select(mention => mention.AuthorReach));
        Assert.Equal(
            [25, 5],
            _harness.Server.Requests.Where(request => request.Path == FakeBluesky.ProfilesPath).Select(request => request.Param("actors")!.Split(',').Length));
    }

    [Fact]
    public async Task An_account_without_a_profile_comes_through_without_reach_and_is_not_asked_for_again()
    {
        _bluesky.RemoveProfile(TobiDid);

        MentionBatch first = await Source().PollAsync(null);
        await Source().PollAsync(null);

        Assert.Null(first.Mentions[1].AuthorReach);
        Assert.Equal(1523, first.Mentions[0].AuthorReach);
        Assert.Single(_harness.Server.Requests, request => request.Path == FakeBluesky.ProfilesPath);
    }

    [Fact]
    public async Task A_failed_lookup_loses_no_mention_they_come_without_reach_it_is_logged_and_tried_again_next_poll()
    {
        _harness.Server.Handler = request => request.Path == FakeBluesky.ProfilesPath ? new Reply(502, "bad gateway", "text/plain") : _bluesky.Handle(request);
        IMentionSource source = Source();

        MentionBatch batch = await source.PollAsync(null);

        MentionAssert.Batch(batch, [Maren, Tobi, NoHandle, Lena], "2025-06-02T09:11:30.7770000Z");
        Assert.All(batch.Mentions, mention => Assert.Null(mention.AuthorReach));
        FakeLogRecord logged = Assert.Single(_harness.Logs.GetSnapshot(), record => record.Category == typeof(BlueskyMentionSource).FullName);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Equal($"Mention source {SourceHarness.SourceName}: looking up the followers of 4 authors failed; their mentions come through without reach.", logged.Message);
        Assert.Contains("failed with a server error (502 Bad Gateway)", Assert.IsType<MentionSourceException>(logged.Exception).Message, StringComparison.Ordinal);

        _harness.Server.Handler = _bluesky.Handle;
        MentionBatch again = await source.PollAsync(null);

        Assert.Equal(88211, again.Mentions[1].AuthorReach);
    }

    private IMentionSource Source(string? query = "acme", int maxItemsPerPoll = MentionSourceOptions.DefaultMaxItemsPerPoll) => _harness.Create(new MentionSourceOptions
    {
        Kind = "Bluesky",
        Schedule = "*/5 * * * *",
        Endpoint = _harness.Server.BaseUri,
        Handle = FakeBluesky.AccountHandle,
        AppPassword = FakeBluesky.AppPassword,
        Query = query,
        MaxItemsPerPoll = maxItemsPerPoll,
    });
}
