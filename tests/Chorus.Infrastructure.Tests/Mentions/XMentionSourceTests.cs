using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    // x-search-retweets.json: a complaint, two retweets of it, a quote of it, and a long post, newest first.
    private const string Quote = "1929401000000000210";
    private const string Retweet2 = "1929401000000000205";
    private const string LongPost = "1929401000000000201";
    private const string Retweet1 = "1929401000000000150";
    private const string Complaint = "1929380000000000100";
    private const string ComplaintText = "@acme The export has been broken for three days now and support keeps closing my ticket without an answer. Is there no one at Acme who reads these? #acmefail";

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
            Assert.Equal("created_at,lang,author_id,public_metrics,referenced_tweets,note_tweet", request.Param("tweet.fields"));
            Assert.Equal("author_id,referenced_tweets.id,referenced_tweets.id.author_id", request.Param("expansions"));
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
        JsonNode recorded = Payloads.Json("x-mentions.json");
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
    public async Task Retweets_are_their_original_once_whole_and_credited_to_its_author_and_a_quote_stays_the_quoters()
    {
        UseRetweets(Payloads.Json("x-search-retweets.json"));

        MentionBatch batch = await Search().PollAsync(null);

        // Five posts, three mentions: both retweets and the complaint itself are one; the cursor is the newest post read.
        MentionAssert.Batch(batch, [LongPost, Complaint, Quote], Quote);
        Mention complaint = batch.Mentions[1];
        Assert.Equal(ComplaintText, complaint.Text);
        Assert.Equal(("priya_codes", "Priya N", (long?)48210), (complaint.AuthorHandle, complaint.AuthorName, complaint.AuthorReach));
        Assert.Equal(new Uri($"https://x.com/priya_codes/status/{Complaint}"), complaint.Url);
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 8, 41, 12, TimeSpan.Zero), complaint.CreatedAt);
        using (JsonDocument raw = JsonDocument.Parse(complaint.RawPayload))
        {
            Assert.Equal(Complaint, raw.RootElement.GetProperty("id").GetString());
        }

        Mention quote = batch.Mentions[2];
        Assert.Equal(("devops_dan", "Same here since Monday. Acme, please fix this before month-end close https://t.co/Qx7Lm2Pa9z"), (quote.AuthorHandle, quote.Text));
        Assert.Equal(new Uri($"https://x.com/devops_dan/status/{Quote}"), quote.Url);

        // A post over 280 characters is cut in text and whole in note_tweet.
        Assert.EndsWith("try the import with a real month of data & see for yourself.", batch.Mentions[0].Text, StringComparison.Ordinal);
        Assert.All(_harness.Server.Requests, request => Assert.Equal("author_id,referenced_tweets.id,referenced_tweets.id.author_id", request.Param("expansions")));
    }

    [Fact]
    public async Task A_retweet_in_a_later_poll_is_the_same_mention_as_its_original_so_it_is_processed_once()
    {
        UseRetweets(Payloads.Json("x-search-retweets.json"));
        IMentionSource source = Search();
        MentionBatch first = await source.PollAsync(null);
        const string Retweet3 = "1929765000000000300";
        JsonNode later = Payloads.Json("x-search-retweets.json");
        JsonNode retweet = later["data"]![1]!.DeepClone();
        retweet["id"] = Retweet3;
        retweet["edit_history_tweet_ids"] = new JsonArray(Retweet3);
        retweet["created_at"] = "2025-06-03T07:30:00.000Z";
        later["data"] = new JsonArray(retweet);
        _x.Publish(later);

        MentionBatch second = await source.PollAsync(first.Cursor);

        // The next day, yet the same id: it derives from the original's id and day.
        MentionAssert.Batch(second, [Complaint], Retweet3);
        Assert.Equal(MentionIds.For(first.Mentions[1]), MentionIds.For(second.Mentions[0]));
    }

    [Fact]
    public async Task A_retweet_whose_original_was_not_expanded_is_kept_as_it_came()
    {
        JsonNode recorded = Payloads.Json("x-search-retweets.json");
        recorded["includes"]!.AsObject().Remove("tweets");
        recorded["data"]!.AsArray().RemoveAt(4);
        UseRetweets(recorded);

        MentionBatch batch = await Search().PollAsync(null);

        MentionAssert.Batch(batch, [Retweet1, LongPost, Retweet2, Quote], Quote);
        Assert.Equal("fintech_lea", batch.Mentions[2].AuthorHandle);
        Assert.StartsWith("RT @priya_codes: ", batch.Mentions[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_that_is_not_a_post_id_fails_without_a_request()
    {
        MentionSourceException failure = await MentionAssert.FailsAsync(Source(), "2025-06-02");

        Assert.Contains("the cursor '2025-06-02' is not a post id", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_harness.Server.Requests);
    }

    private void UseRetweets(JsonNode recorded)
    {
        _x = new FakeX().Publish(recorded);
        _harness.Server.Handler = _x.Handle;
    }

    private IMentionSource Search() =>
        _harness.Create(new MentionSourceOptions { Kind = "X", Schedule = "0 */2 * * *", Endpoint = _harness.Server.BaseUri, AccessToken = FakeX.Token, Query = "acme" });

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
