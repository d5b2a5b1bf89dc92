using System.Text.Json;
using System.Text.Json.Nodes;
using Chorus.Infrastructure.Mentions;
using Chorus.Mentions;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>The Hacker News connector against a fake Algolia HN Search, two hits a page.</summary>
public sealed class HackerNewsMentionSourceTests : IAsyncLifetime
{
    // created_at_i of the recorded hits: 44150001 at T, 44150023 and 44150031 both at T+300, 44150077 at T+900.
    private const long T = 1748854800;

    private SourceHarness _harness = null!;
    private FakeAlgolia _algolia = null!;

    public async Task InitializeAsync()
    {
        _harness = await SourceHarness.StartAsync();
        _algolia = new FakeAlgolia().Publish("hackernews-search.json");
        _harness.Server.Handler = _algolia.Handle;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task The_first_poll_pages_by_number_and_hands_over_oldest_first()
    {
        MentionBatch batch = await Source().PollAsync(null);

        MentionAssert.Batch(batch, ["44150001", "44150023", "44150031", "44150077"], $"{T + 900}");
        MentionAssert.Params(_harness.Server.Requests, "page", "0", "1");
        Assert.All(_harness.Server.Requests, request =>
        {
            Assert.Equal((FakeAlgolia.Path, "acme", "(story,comment)", "100"), (request.Path, request.Param("query"), request.Param("tags"), request.Param("hitsPerPage")));
            Assert.Null(request.Param("numericFilters"));
        });
    }

    [Fact]
    public async Task Stories_and_comments_are_normalised_with_their_html_turned_to_text()
    {
        MentionBatch batch = await Source().PollAsync(null);

        Mention story = batch.Mentions[0];
        Assert.Equal(new Uri("https://news.ycombinator.com/item?id=44150001"), story.Url);
        Assert.Equal(("pmarca_fan", (string?)null, (long?)null, (string?)null), (story.AuthorHandle, story.AuthorName, story.AuthorReach, story.Language));
        Assert.Equal("Acme raises prices by 30%", story.Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T), story.CreatedAt);
        using (JsonDocument raw = JsonDocument.Parse(story.RawPayload))
        {
            Assert.Equal("44150001", raw.RootElement.GetProperty("objectID").GetString());
        }

        Assert.Equal("We moved off Acme last year – the export was always flaky.\n\nTheir support was great though.", batch.Mentions[1].Text);
        Assert.Equal("Show HN: Acme's open-source invoice renderer\n\nWe open-sourced the renderer behind Acme's invoices.\n\nAMA!", batch.Mentions[3].Text);
    }

    [Fact]
    public async Task A_story_whose_text_restates_its_title_says_it_once_in_the_triage_email_subject()
    {
        _harness.Server.Handler = new FakeAlgolia().Publish(
            Hit("44160001", T, "Acme charged me twice", "Acme charged me twice. Support has not answered in a week.<p>Anyone else?"),
            Hit("44160002", T + 1, "Ask HN: Acme charged me twice?", "Has anyone been charged twice by Acme this month?")).Handle;

        MentionBatch batch = await Source().PollAsync(null);

        Assert.Equal("Acme charged me twice. Support has not answered in a week.\n\nAnyone else?", batch.Mentions[0].Text);
        Assert.Equal("Ask HN: Acme charged me twice?\n\nHas anyone been charged twice by Acme this month?", batch.Mentions[1].Text);
        Assert.All(batch.Mentions, mention => MentionAssert.SubjectSaysOnce(mention, "Acme charged me twice"));
    }

    [Fact]
    public async Task An_incremental_poll_filters_on_created_at_i_and_repeats_nothing()
    {
        IMentionSource source = Source();
        MentionBatch first = await source.PollAsync(null);
        _algolia.Publish("hackernews-search-newer.json");
        int before = _harness.Server.Requests.Count;

        MentionBatch second = await source.PollAsync(first.Cursor);
        MentionBatch third = await source.PollAsync(second.Cursor);

        MentionAssert.Batch(second, ["44151002", "44151010"], $"{T + 4000}");
        Assert.Equal($"created_at_i>{T + 900}", _harness.Server.Requests[before].Param("numericFilters"));
        MentionAssert.Batch(third, [], second.Cursor);
    }

    [Fact]
    public async Task The_cap_never_splits_a_second_and_the_next_poll_continues_from_the_last_hit_handed_over()
    {
        IMentionSource source = Source(maxItemsPerPoll: 2);

        MentionBatch first = await source.PollAsync($"{T - 1}");
        MentionBatch second = await source.PollAsync(first.Cursor);

        // The cursor is a whole second, so the two hits at T+300 travel together even though the cap is 2.
        MentionAssert.Batch(first, ["44150001", "44150023", "44150031"], $"{T + 300}", caughtUp: false);
        MentionAssert.Batch(second, ["44150077"], $"{T + 900}");
    }

    [Fact]
    public async Task Pages_that_overlap_hand_over_each_hit_once()
    {
        _algolia.OverlappingPages = true;
        _algolia.Publish("hackernews-search-newer.json");

        MentionBatch batch = await Source().PollAsync($"{T - 1}");

        MentionAssert.Batch(batch, ["44150001", "44150023", "44150031", "44150077", "44151002", "44151010"], $"{T + 4000}");
    }

    [Fact]
    public async Task An_empty_page_is_caught_up_and_keeps_the_cursor()
    {
        MentionBatch batch = await Source().PollAsync($"{T + 900}");

        MentionAssert.Batch(batch, [], $"{T + 900}");
        Assert.Single(_harness.Server.Requests);
    }

    [Fact]
    public async Task A_cursor_that_is_not_epoch_seconds_fails_without_a_request()
    {
        MentionSourceException failure = await MentionAssert.FailsAsync(Source(), "2025-06-02T09:00:00Z");

        Assert.Contains("is not a created_at_i (epoch seconds)", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_harness.Server.Requests);
    }

    private IMentionSource Source(int maxItemsPerPoll = MentionSourceOptions.DefaultMaxItemsPerPoll) => _harness.Create(new MentionSourceOptions
    {
        Kind = "HackerNews",
        Schedule = "0 * * * *",
        Endpoint = _harness.Server.BaseUri,
        Query = FakeAlgolia.Query,
        MaxItemsPerPoll = maxItemsPerPoll,
    });

    private static JsonObject Hit(string id, long created, string title, string storyText) => new()
    {
        ["objectID"] = id,
        ["created_at_i"] = created,
        ["author"] = "hn_user",
        ["title"] = title,
        ["story_text"] = storyText,
        ["_tags"] = new JsonArray("story", "author_hn_user", "story_" + id),
    };
}
