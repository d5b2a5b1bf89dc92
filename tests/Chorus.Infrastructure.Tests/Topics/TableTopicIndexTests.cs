using Azure.Data.Tables;
using Chorus.Infrastructure.Tests.Artefacts;
using Chorus.Infrastructure.Topics;
using Chorus.Mentions.Topics;
using Microsoft.Extensions.Time.Testing;

namespace Chorus.Infrastructure.Tests.Topics;

/// <summary>The topic index on a real (Azurite) Table service; each test gets a table of its own.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableTopicIndexTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 20, 0, TimeSpan.Zero);
    private readonly string _table = "topics" + Guid.NewGuid().ToString("N")[..12];
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public async Task A_mention_recorded_again_is_counted_once()
    {
        TableTopicIndex index = Index();
        TopicMention first = Mention("a", Now.AddMinutes(-5), "en:invoic", "en:invoic export");
        TopicMention second = Mention("b", Now.AddMinutes(-4), "en:invoic");

        await index.AddAsync([first]);
        await index.AddAsync([first, second, second]);
        await index.AddAsync([first]);

        // Read back by an index with nothing cached: what the table holds, not what this process remembers.
        IReadOnlyDictionary<string, TopicTally> tallies = await Index().CountAsync(["en:invoic", "en:invoic export", "en:other"], Now.AddHours(-48), Now);
        Assert.Equal(2, tallies["en:invoic"].Count);
        Assert.Equal(1, tallies["en:invoic export"].Count);
        Assert.False(tallies.ContainsKey("en:other"));
        Assert.Equal(["a", "b"], tallies["en:invoic"].Examples.Select(e => e.MentionId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_window_counts_the_hours_it_overlaps_and_nothing_before_or_after()
    {
        TableTopicIndex index = Index();
        DateTimeOffset since = Now.AddHours(-48); // 2026-11-28 12:20: its hour, 12:00-13:00, overlaps the window
        await index.AddAsync(
        [
            Mention("before", new DateTimeOffset(2026, 11, 28, 11, 59, 59, TimeSpan.Zero), "en:invoic"),
            Mention("first-hour", new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), "en:invoic"),
            Mention("in", Now.AddHours(-20), "en:invoic"),
            Mention("last-hour", new DateTimeOffset(2026, 11, 30, 12, 59, 59, TimeSpan.Zero), "en:invoic"),
            Mention("after", new DateTimeOffset(2026, 11, 30, 13, 0, 0, TimeSpan.Zero), "en:invoic"),
        ]);

        TopicTally tally = (await Index().CountAsync(["en:invoic"], since, Now))["en:invoic"];

        Assert.Equal(3, tally.Count);
        Assert.Equal(["last-hour", "in", "first-hour"], tally.Examples.Select(e => e.MentionId));
        Assert.Empty(await Index().CountAsync(["en:invoic"], Now.AddHours(-100), Now.AddHours(-60)));
    }

    [Fact]
    public async Task Many_mentions_and_two_writers_at_once_lose_and_double_no_count()
    {
        // 400 mentions in one hour over 60 shared topics: several transactions, and more topics than are read one by one.
        TopicMention[] mentions = [.. Enumerable.Range(0, 400).Select(i => Mention($"m{i}", Now.AddMinutes(-(i % 15)), [.. Enumerable.Range(0, 12).Select(k => $"en:t{(i + k) % 60}")]))];
        TableTopicIndex one = Index(), two = Index();

        await Task.WhenAll(one.AddAsync(mentions[..250]), two.AddAsync(mentions[150..]), one.AddAsync(mentions[100..200]));

        IReadOnlyDictionary<string, TopicTally> tallies = await Index().CountAsync([.. Enumerable.Range(0, 60).Select(t => $"en:t{t}")], Now.AddHours(-1), Now);
        Assert.Equal(400 * 12, tallies.Values.Sum(t => t.Count));
        Assert.All(tallies.Values, t => Assert.Equal(mentions.Count(m => m.Topics.Contains(t.Topic)), t.Count));
        Assert.All(tallies.Values, t => Assert.Equal(TopicTally.MaxExamples, t.Examples.Count));
    }

    [Fact]
    public async Task A_process_sees_its_own_writes_at_once_and_another_process_writes_after_the_refresh_time()
    {
        TableTopicIndex reader = Index(), other = Index();
        await reader.AddAsync([Mention("a", Now.AddMinutes(-1), "en:invoic")]);
        Assert.Equal(1, (await reader.CountAsync(["en:invoic"], Now.AddHours(-48), Now))["en:invoic"].Count);

        await reader.AddAsync([Mention("b", Now.AddMinutes(-1), "en:invoic")]);
        Assert.Equal(2, (await reader.CountAsync(["en:invoic"], Now.AddHours(-48), Now))["en:invoic"].Count);

        await other.AddAsync([Mention("c", Now.AddMinutes(-1), "en:invoic")]);
        Assert.Equal(2, (await reader.CountAsync(["en:invoic"], Now.AddHours(-48), Now))["en:invoic"].Count);

        _time.Advance(TopicHourCache.RecentRefresh + TimeSpan.FromSeconds(1));
        int seen = 0;
        for (int attempt = 0; attempt < 100 && seen < 3; attempt++)
        {
            seen = (await reader.CountAsync(["en:invoic"], Now.AddHours(-48), _time.GetUtcNow()))["en:invoic"].Count;
            await Task.Delay(50);
        }

        Assert.Equal(3, seen);
    }

    private static TopicMention Mention(string id, DateTimeOffset at, params string[] topics)
        => new(id, new TopicExample("rss", id, new Uri($"https://social.example/{id}")), at, topics);

    private TableTopicIndex Index() => new(new TableClient(azurite.ConnectionString, _table), _time);
}
