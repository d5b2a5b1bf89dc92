using System.Text.Json;
using Chorus.Infrastructure.Mentions;
using Chorus.Mentions;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>The Mastodon connector against a fake instance that pages by the documented rules, two notifications a page.</summary>
public sealed class MastodonMentionSourceTests : IAsyncLifetime
{
    // Status ids, by the notification ids 34975861-34975868 that carry them.
    private const string S1 = "114610370001000001";
    private const string S2 = "114610370002000002";
    private const string S3 = "114610370003000003";
    private const string S4 = "114610370004000004";
    private const string S5 = "114610370005000005";
    private const string S6 = "114610370006000006";
    private const string S7 = "114610370007000007";
    private const string S8 = "114610370008000008";

    private SourceHarness _harness = null!;
    private FakeMastodon _mastodon = null!;

    public async Task InitializeAsync()
    {
        _harness = await SourceHarness.StartAsync();
        _mastodon = new FakeMastodon(_harness.Server.BaseUri).Publish("mastodon-notifications.json");
        _harness.Server.Handler = _mastodon.Handle;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task The_first_poll_walks_back_through_the_next_links_and_hands_over_oldest_first()
    {
        MentionBatch batch = await Source().PollAsync(null);

        MentionAssert.Batch(batch, [S1, S2, S3, S4, S5], "34975865");
        MentionAssert.Params(_harness.Server.Requests, "max_id", null, "34975864", "34975862", "34975861");
        Assert.All(_harness.Server.Requests, request =>
        {
            Assert.Equal(("GET", FakeMastodon.Path, "mention", "40"), (request.Method, request.Path, request.Param("types[]"), request.Param("limit")));
            Assert.Equal($"Bearer {FakeMastodon.Token}", request.Header("Authorization"));
            Assert.Null(request.Param("min_id"));
        });
    }

    [Fact]
    public async Task A_mention_is_normalised_from_its_status()
    {
        MentionBatch batch = await Source().PollAsync(null);

        Mention rant = batch.Mentions[1];
        Assert.Equal(new Uri($"https://social.example/@tobi/{S2}"), rant.Url);
        Assert.Equal(("tobi@social.example", "Tobi 🚲", (long?)1877), (rant.AuthorHandle, rant.AuthorName, rant.AuthorReach));
        Assert.Equal("@acme app keeps logging me out – third time today </rant>\n\nAnyone else?", rant.Text);
        Assert.Equal("en", rant.Language);
        Assert.Equal(DateTimeOffset.Parse("2025-06-02T08:03:11.481Z", System.Globalization.CultureInfo.InvariantCulture), rant.CreatedAt);
        using JsonDocument raw = JsonDocument.Parse(rant.RawPayload);
        Assert.Equal(("34975862", S2), (raw.RootElement.GetProperty("id").GetString(), raw.RootElement.GetProperty("status").GetProperty("id").GetString()));

        Mention german = batch.Mentions[2];
        Assert.Equal(("quietfox@fosstodon.example", (string?)null, "de"), (german.AuthorHandle, german.AuthorName, german.Language));
        Assert.Equal("@acme ist der Export kaputt? Ich bekomme nur leere Dateien 😕", german.Text);
        Assert.Equal("@acme support answered in 4 minutes.\nImpressed.", batch.Mentions[3].Text);
        Assert.Equal("opinions & ui\n\n@acme spoiler: the dark mode is great", batch.Mentions[4].Text);
    }

    [Fact]
    public async Task An_incremental_poll_follows_the_prev_links_from_min_id_and_repeats_nothing()
    {
        IMentionSource source = Source();
        MentionBatch first = await source.PollAsync(null);
        _mastodon.Publish("mastodon-notifications-newer.json");
        int before = _harness.Server.Requests.Count;

        MentionBatch second = await source.PollAsync(first.Cursor);

        MentionAssert.Batch(second, [S6, S7, S8], "34975868");
        MentionAssert.Params(_harness.Server.Requests.Skip(before), "min_id", "34975865", "34975867", "34975868");
        Assert.All(_harness.Server.Requests.Skip(before), request => Assert.Equal($"Bearer {FakeMastodon.Token}", request.Header("Authorization")));
        MentionAssert.Batch(await source.PollAsync(second.Cursor), [], "34975868");
    }

    [Fact]
    public async Task The_cap_stops_paging_and_the_next_poll_continues_from_the_last_mention_handed_over()
    {
        _mastodon.Publish("mastodon-notifications-newer.json");
        IMentionSource source = Source(maxItemsPerPoll: 2);

        MentionBatch first = await source.PollAsync("34975863");
        MentionBatch second = await source.PollAsync(first.Cursor);
        MentionBatch third = await source.PollAsync(second.Cursor);

        MentionAssert.Batch(first, [S4, S5], "34975865", caughtUp: false);
        MentionAssert.Batch(second, [S6, S7], "34975867", caughtUp: false);
        MentionAssert.Batch(third, [S8], "34975868");
    }

    [Fact]
    public async Task The_first_poll_under_a_cap_starts_from_the_newest_mentions()
    {
        MentionBatch batch = await Source(maxItemsPerPoll: 3).PollAsync(null);

        MentionAssert.Batch(batch, [S3, S4, S5], "34975865");
        Assert.Equal(2, _harness.Server.Requests.Count);
    }

    [Fact]
    public async Task Pages_that_overlap_hand_over_each_mention_once_and_skip_none()
    {
        _mastodon.OverlappingPages = true;
        IMentionSource source = Source();

        MentionBatch first = await source.PollAsync(null);
        _mastodon.Publish("mastodon-notifications-newer.json");
        MentionBatch second = await source.PollAsync(first.Cursor);

        MentionAssert.Batch(first, [S1, S2, S3, S4, S5], "34975865");
        MentionAssert.Batch(second, [S6, S7, S8], "34975868");
    }

    [Fact]
    public async Task An_empty_page_means_caught_up()
    {
        MentionBatch batch = await Source().PollAsync("34975865");

        MentionAssert.Batch(batch, [], "34975865");
        Assert.Equal("34975865", Assert.Single(_harness.Server.Requests).Param("min_id"));
    }

    [Fact]
    public async Task A_link_to_another_host_is_not_followed_with_the_token()
    {
        _harness.Server.Script(FakeMastodon.Path, Reply.Json(
            Payloads.Read("mastodon-notifications-newer.json"),
            new Dictionary<string, string> { ["Link"] = "<https://elsewhere.example/api/v1/notifications?min_id=34975868>; rel=\"prev\"" }));

        MentionSourceException failure = await MentionAssert.FailsAsync(Source(), "34975865");

        Assert.EndsWith("is malformed: the Link header points away from the instance (https://elsewhere.example).", failure.Message, StringComparison.Ordinal);
        Assert.Single(_harness.Server.Requests);
    }

    [Fact]
    public async Task A_rejected_token_names_the_setting()
    {
        IMentionSource source = _harness.Create(new MentionSourceOptions
        {
            Kind = "Mastodon",
            Schedule = "*/5 * * * *",
            Endpoint = _harness.Server.BaseUri,
            AccessToken = "revoked",
        });

        MentionSourceException failure = await MentionAssert.FailsAsync(source);

        Assert.Contains($"was refused (401 Unauthorized): check Mentions:Sources:{SourceHarness.SourceName}:AccessToken (it needs the read:notifications scope)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_under_a_path_keeps_its_path()
    {
        _harness.Server.Handler = request => request.Path == "/social" + FakeMastodon.Path
            ? _mastodon.Handle(request with { Path = FakeMastodon.Path })
            : Reply.NotFound(request);
        IMentionSource source = _harness.Create(new MentionSourceOptions
        {
            Kind = "Mastodon",
            Schedule = "*/5 * * * *",
            Endpoint = new Uri(_harness.Server.BaseUri, "social"),
            AccessToken = FakeMastodon.Token,
            MaxItemsPerPoll = 2,
        });

        MentionBatch batch = await source.PollAsync(null);

        MentionAssert.Batch(batch, [S4, S5], "34975865");
    }

    private IMentionSource Source(int maxItemsPerPoll = MentionSourceOptions.DefaultMaxItemsPerPoll) => _harness.Create(new MentionSourceOptions
    {
        Kind = "Mastodon",
        Schedule = "*/5 * * * *",
        Endpoint = _harness.Server.BaseUri,
        AccessToken = FakeMastodon.Token,
        MaxItemsPerPoll = maxItemsPerPoll,
    });
}
