using System.Globalization;
using System.Text.Json;
using Chorus.Infrastructure.Mentions;
using Chorus.Mentions;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>The X connector against a fake API v2, two posts a page, with its monthly read budget.</summary>
public sealed class XMentionSourceTests : IAsyncLifetime
{
    private const string P1 = "1929401000000000001";
    private const string P2 = "1929401000000000002";
    private const string P3 = "1929401000000000003";
    private const string P4 = "1929401000000000004";
    private const string P10 = "1929402000000000010";
    private const string P11 = "1929402000000000011";

    private SourceHarness _harness = null!;
    private FakeX _x = null!;

    public async Task InitializeAsync()
    {
        _harness = await SourceHarness.StartAsync();
        _x = new FakeX().Publish("x-mentions.json");
        _harness.Server.Handler = _x.Handle;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task The_first_poll_reads_the_mentions_timeline_with_pagination_tokens_and_hands_over_oldest_first()
    {
        MentionBatch batch = await Source().PollAsync(null);

        MentionAssert.Batch(batch, [P1, P2, P3, P4], P4);
        MentionAssert.Params(_harness.Server.Requests, "pagination_token", null, "page-2");
        Assert.All(_harness.Server.Requests, request =>
        {
            Assert.Equal((FakeX.MentionsPath, "100"), (request.Path, request.Param("max_results")));
            Assert.Equal($"Bearer {FakeX.Token}", request.Header("Authorization"));
            Assert.Equal("created_at,lang,author_id,public_metrics", request.Param("tweet.fields"));
            Assert.Equal("author_id", request.Param("expansions"));
            Assert.Equal("username,name,public_metrics", request.Param("user.fields"));
            Assert.Null(request.Param("since_id"));
        });
    }

    [Fact]
    public async Task A_post_is_normalised_with_its_author_from_the_expansion()
    {
        MentionBatch batch = await Source().PollAsync(null);

        Mention post = batch.Mentions[1];
        Assert.Equal(new Uri($"https://x.com/tobi/status/{P2}"), post.Url);
        Assert.Equal(("tobi", "Tobi", (long?)88211), (post.AuthorHandle, post.AuthorName, post.AuthorReach));
        Assert.Equal(("@acme logged out again <sigh> https://t.co/abc123", "en"), (post.Text, post.Language));
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 10, 2, 40, TimeSpan.Zero), post.CreatedAt);
        using (JsonDocument raw = JsonDocument.Parse(post.RawPayload))
        {
            Assert.Equal(P2, raw.RootElement.GetProperty("id").GetString());
        }

        Assert.Equal("@acme the new invoice page is lovely & fast", batch.Mentions[0].Text);
        Assert.Equal("de", batch.Mentions[2].Language);
        Assert.Null(batch.Mentions[3].Language);
    }

    [Theory]
    [InlineData("in", "id")]
    [InlineData("iw", "he")]
    [InlineData("pt", "pt")]
    public async Task Xs_legacy_language_codes_become_the_iso_ones(string sent, string expected)
    {
        System.Text.Json.Nodes.JsonNode recorded = Payloads.Json("x-mentions.json");
        recorded["data"]![2]!["lang"] = sent;
        _x = new FakeX().Publish(recorded);
        _harness.Server.Handler = _x.Handle;

        MentionBatch batch = await Source().PollAsync(null);

        Assert.Equal(expected, batch.Mentions.Single(m => m.SourceId == (string)recorded["data"]![2]!["id"]!).Language);
    }

    [Fact]
    public async Task An_incremental_poll_passes_since_id_and_repeats_nothing()
    {
        IMentionSource source = Source();
        MentionBatch first = await source.PollAsync(null);
        _x.Publish("x-mentions-newer.json");
        int before = _harness.Server.Requests.Count;

        MentionBatch second = await source.PollAsync(first.Cursor);
        MentionBatch third = await source.PollAsync(second.Cursor);

        MentionAssert.Batch(second, [P10, P11], P11);
        Assert.Equal(P4, _harness.Server.Requests[before].Param("since_id"));
        MentionAssert.Batch(third, [], P11);
    }

    [Fact]
    public async Task With_a_query_recent_search_is_used()
    {
        IMentionSource source = _harness.Create(new MentionSourceOptions
        {
            Kind = "X",
            Schedule = "0 */2 * * *",
            Endpoint = _harness.Server.BaseUri,
            AccessToken = FakeX.Token,
            Query = "acme -is:retweet",
        });

        MentionBatch batch = await source.PollAsync(null);

        MentionAssert.Batch(batch, [P1, P2, P3, P4], P4);
        Assert.All(_harness.Server.Requests, request => Assert.Equal((FakeX.SearchPath, "acme -is:retweet"), (request.Path, request.Param("query"))));
    }

    [Fact]
    public async Task The_cap_hands_over_the_oldest_posts_and_the_next_poll_continues_from_the_last_one()
    {
        _x.Publish("x-mentions-newer.json");
        IMentionSource source = Source(maxItemsPerPoll: 4);

        MentionBatch first = await source.PollAsync(P1);
        MentionBatch second = await source.PollAsync(first.Cursor);

        MentionAssert.Batch(first, [P2, P3, P4, P10], P10, caughtUp: false);
        MentionAssert.Batch(second, [P11], P11);
    }

    [Fact]
    public async Task Pages_that_overlap_hand_over_each_post_once()
    {
        _x.OverlappingPages = true;
        _x.Publish("x-mentions-newer.json");

        MentionBatch batch = await Source().PollAsync(null);

        MentionAssert.Batch(batch, [P1, P2, P3, P4, P10, P11], P11);
    }

    [Fact]
    public async Task An_empty_page_is_caught_up_and_keeps_the_cursor()
    {
        _harness.Server.Script(FakeX.MentionsPath, Reply.Json(Payloads.Read("x-empty.json")));

        MentionBatch batch = await Source().PollAsync(P4);

        MentionAssert.Batch(batch, [], P4);
    }

    [Fact]
    public async Task Every_post_returned_counts_against_the_budget_and_an_exhausted_budget_stops_polling_until_next_month()
    {
        _x.Publish("x-mentions-newer.json");
        IMentionSource source = Source(monthlyReadBudget: 3);

        MentionSourceException failure = await MentionAssert.FailsAsync(source);

        // 3 left asks for the endpoint's minimum of 5; two pages of two use the budget up before the third.
        MentionAssert.Params(_harness.Server.Requests, "max_results", "5", "5");
        Assert.Equal($"Mention source '{SourceHarness.SourceName}': the monthly read budget of 3 posts for 2025-06 is used up (Mentions:Sources:{SourceHarness.SourceName}:MonthlyReadBudget).", failure.Message);
        Assert.Equal(new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero) - SourceHarness.Now, failure.RetryAfter);
        Assert.True(_harness.Factory.TryGetReadBudget(SourceHarness.SourceName, out MonthlyReadBudget budget));
        Assert.Equal(new ReadBudgetUsage(2025, 6, 4), budget.Usage);

        await MentionAssert.FailsAsync(source);
        Assert.Equal(2, _harness.Server.Requests.Count);

        _harness.Time.SetUtcNow(new DateTimeOffset(2025, 7, 1, 0, 5, 0, TimeSpan.Zero));
        MentionBatch batch = await source.PollAsync(P10);
        MentionAssert.Batch(batch, [P11], P11);
        Assert.Equal(new ReadBudgetUsage(2025, 7, 1), budget.Usage);
    }

    [Fact]
    public async Task A_restored_count_carries_the_budget_across_a_restart()
    {
        IMentionSource source = Source(monthlyReadBudget: 100);
        Assert.True(_harness.Factory.TryGetReadBudget(SourceHarness.SourceName, out MonthlyReadBudget budget));
        budget.Restore(new ReadBudgetUsage(2025, 5, 99));
        budget.Restore(new ReadBudgetUsage(2025, 6, 100));

        await MentionAssert.FailsAsync(source);

        Assert.Empty(_harness.Server.Requests);
        Assert.Equal(0, budget.Remaining);
    }

    [Fact]
    public async Task A_429_with_x_rate_limit_reset_carries_the_time_until_the_window_reopens()
    {
        string reset = SourceHarness.Now.AddMinutes(15).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _harness.Server.Script(FakeX.MentionsPath, new Reply(
            429,
            """{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}""",
            Headers: new Dictionary<string, string> { ["x-rate-limit-limit"] = "450", ["x-rate-limit-remaining"] = "0", ["x-rate-limit-reset"] = reset }));

        MentionSourceException failure = await MentionAssert.FailsAsync(Source());

        Assert.Equal(TimeSpan.FromMinutes(15), failure.RetryAfter);
    }

    [Fact]
    public async Task A_cursor_that_is_not_a_post_id_fails_without_a_request()
    {
        MentionSourceException failure = await MentionAssert.FailsAsync(Source(), "2025-06-02");

        Assert.Contains("the cursor '2025-06-02' is not a post id", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_harness.Server.Requests);
    }

    private IMentionSource Source(int maxItemsPerPoll = MentionSourceOptions.DefaultMaxItemsPerPoll, int monthlyReadBudget = MentionSourceOptions.DefaultMonthlyReadBudget) =>
        _harness.Create(new MentionSourceOptions
        {
            Kind = "X",
            Schedule = "0 */2 * * *",
            Endpoint = _harness.Server.BaseUri,
            AccessToken = FakeX.Token,
            UserId = FakeX.UserId,
            MaxItemsPerPoll = maxItemsPerPoll,
            MonthlyReadBudget = monthlyReadBudget,
        });
}
