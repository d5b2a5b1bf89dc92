using Azure.Data.Tables;
using Chorus.Infrastructure.Lists;
using Chorus.Infrastructure.Tests.Artefacts;
using Chorus.Mentions.Listing;

namespace Chorus.Infrastructure.Tests.Lists;

/// <summary>
/// The mention list's day counters and flagged queue on Azurite: counted in the same writes as the list rows, so a
/// mention listed twice, or by writers racing, counts once; every source's days in one read.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class MentionReadModelTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private readonly TableMentionIndex _index = new(new ListTable(new TableServiceClient(azurite.ConnectionString).GetTableClient("mentions" + Guid.NewGuid().ToString("N")[..12]), "mentions"));

    [Fact]
    public async Task Day_counters_count_each_label_and_the_mean_score_per_day_and_source()
    {
        List<MentionListEntry> mentions =
        [
            Entry("mastodon", "m1", "negative", -0.8, Day1.AddHours(1)),
            Entry("mastodon", "m2", "negative", -0.4, Day1.AddHours(2)),
            Entry("mastodon", "m3", "positive", 0.9, Day1.AddHours(23).AddMinutes(59)),
            Entry("mastodon", "m4", "unscored", null, Day1.AddHours(3)),
            Entry("bluesky", "b1", "neutral", 0.05, Day1.AddHours(4)),
            Entry("mastodon", "m5", "mixed", 0.1, Day1.AddDays(1).AddMinutes(1)),
            Entry("mastodon", "m6", "positive", 0.6, Day1.AddDays(3)),
        ];

        await _index.AddAsync(mentions);
        await _index.AddAsync(mentions[..3]);

        IReadOnlyList<MentionDay> days = await _index.ReadAsync(DateOnly.FromDateTime(Day1.UtcDateTime), DateOnly.FromDateTime(Day1.AddDays(1).UtcDateTime));

        Assert.Equal([("2026-11-20", "bluesky"), ("2026-11-20", "mastodon"), ("2026-11-21", "mastodon")], days.Select(d => (d.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), d.Source)));
        MentionDay mastodon = days[1];
        Assert.Equal(new Dictionary<string, long> { ["negative"] = 2, ["positive"] = 1, ["unscored"] = 1 }, mastodon.Labels);
        Assert.Equal(3, mastodon.Scored);
        Assert.Equal(-0.3, mastodon.ScoreSum, 9);
        Assert.Equal(-0.1, mastodon.MeanScore!.Value, 9);
        Assert.Equal(0.05, days[0].MeanScore!.Value, 9);
        Assert.Equal(new Dictionary<string, long> { ["mixed"] = 1 }, days[2].Labels);

        MentionDay unscoredOnly = Assert.Single(await _index.ReadAsync(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30)));
        Assert.Equal(0.6, unscoredOnly.MeanScore!.Value, 9);
        Assert.Empty(await _index.ReadAsync(new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 22)));
    }

    [Fact]
    public async Task Writers_racing_over_one_day_and_source_never_lose_or_double_a_count()
    {
        List<MentionListEntry> mentions = [.. Enumerable.Range(0, 60).Select(i => Entry("x", $"r{i:D3}", i % 3 == 0 ? "negative" : "positive", i % 3 == 0 ? -0.5 : 0.25, Day1.AddMinutes(i)))];

        // Six writers, each listing an overlapping third of the mentions, all at once, twice.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(w => _index.AddAsync([.. mentions.Skip((w % 3) * 20).Take(30)])));
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _index.AddAsync(mentions)));

        MentionDay day = Assert.Single(await _index.ReadAsync(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20)));
        Assert.Equal(20, day.Labels["negative"]);
        Assert.Equal(40, day.Labels["positive"]);
        Assert.Equal(60, day.Scored);
        Assert.Equal((20 * -0.5) + (40 * 0.25), day.ScoreSum, 9);
        Assert.Equal(60, (await _index.ListAsync(new MentionListFilter(null, null, null, null), null, 100)).Total);
    }

    [Fact]
    public async Task A_flagged_mention_waits_in_the_queue_newest_first_until_its_state_moves()
    {
        MentionListEntry older = Entry("mastodon", "f1", "negative", -0.9, Day1.AddHours(1), flagged: true);
        MentionListEntry calm = Entry("mastodon", "c1", "positive", 0.5, Day1.AddHours(2));
        MentionListEntry newer = Entry("bluesky", "f2", "negative", -0.7, Day1.AddHours(3), flagged: true) with { Text = "Where is my refund? #angry" };
        await _index.AddAsync([older, calm, newer]);
        await _index.AddAsync([newer]);

        IReadOnlyList<FlaggedMention> queue = await _index.LatestAsync(10);
        Assert.Equal(["bluesky-f2", "mastodon-f1"], queue.Select(f => f.Entry.MentionId));
        Assert.All(queue, f => Assert.Equal("awaiting", f.State));
        Assert.Equal(newer, queue[0].Entry with { Reasons = newer.Reasons });
        Assert.Equal(newer.Reasons, queue[0].Entry.Reasons);

        await _index.SetStateAsync(older, "respond");
        await _index.SetStateAsync(older, "respond");
        await _index.SetStateAsync(calm, "dismiss");

        queue = await _index.LatestAsync(10);
        Assert.Equal([("bluesky-f2", "awaiting"), ("mastodon-f1", "respond")], queue.Select(f => (f.Entry.MentionId, f.State)));
        Assert.Equal(["bluesky-f2"], (await _index.LatestAsync(1)).Select(f => f.Entry.MentionId));
    }

    [Fact]
    public async Task A_batch_of_flagged_mentions_with_long_texts_is_listed_within_the_transaction_limits()
    {
        // Every mention flagged (five rows each) and near the text cap: the chunks must stay under 100 actions and 4 MiB.
        List<MentionListEntry> mentions = [.. Enumerable.Range(0, 45).Select(i => Entry("rss", $"l{i:D2}", "negative", -0.2, Day1.AddMinutes(i), flagged: true) with { Text = "x" + string.Concat(Enumerable.Repeat("é😠", 15_000)) })];

        await _index.AddAsync(mentions);

        IReadOnlyList<FlaggedMention> queue = await _index.LatestAsync(100);
        Assert.Equal(45, queue.Count);

        // Cut at the cap without splitting the emoji that straddles it.
        Assert.Equal(29_999, queue[0].Entry.Text.Length);
        Assert.EndsWith("é", queue[0].Entry.Text, StringComparison.Ordinal);
        Assert.Equal(45, Assert.Single(await _index.ReadAsync(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20))).Labels["negative"]);
    }

    private static MentionListEntry Entry(string source, string id, string label, double? score, DateTimeOffset at, bool flagged = false)
        => new($"{source}-{id}", source, label, score, flagged, new Uri($"https://example.test/{id}"), "@someone", $"text of {id}", at, flagged ? ["refund", "angry"] : []);
}
