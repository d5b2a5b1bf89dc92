using Azure.Data.Tables;
using Chorus.Infrastructure.Alerts;
using Chorus.Infrastructure.Tests.Artefacts;
using Chorus.Mentions.Alerts;
using Chorus.Mentions.Triage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chorus.Infrastructure.Tests.Alerts;

/// <summary>The hourly alert counters on Azurite: exact whatever is recorded twice, matched by stem, examples kept.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AlertCountersTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 14, 25, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Hour = new(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);

    private readonly TableAlertCounters _counters = new(new TableServiceClient(azurite.ConnectionString).GetTableClient("alertcounts" + Guid.NewGuid().ToString("N")[..12]));

    [Fact]
    public async Task A_mention_recorded_twice_or_by_two_writers_at_once_is_counted_once()
    {
        AlertTally tally = Tally("refund");
        List<MentionTriageInput> mentions = [.. Enumerable.Range(0, 30).Select(i => AlertMentions.Scored("mastodon", $"m{i}", i % 3 == 0 ? "I want a refund, this is awful" : "Lovely service today", i % 3 == 0 ? -0.6 : 0.4, Now.AddMinutes(-i)))];

        await tally.RecordedAsync(mentions, CancellationToken.None);
        await tally.RecordedAsync(mentions, CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => tally.RecordedAsync(mentions, CancellationToken.None)));
        await tally.RecordedAsync([.. mentions.Take(5)], CancellationToken.None);

        AlertHour all = Assert.Single(await _counters.ReadAsync(new AlertSeries("mastodon", null), Hour, Hour, CancellationToken.None));
        Assert.Equal(9, all.Tally.Negative);
        Assert.Equal(26, all.Tally.Scored);
        Assert.Equal((9 * -0.6) + (17 * 0.4), all.Tally.ScoreSum, 9);
        Assert.Equal((9 * 0.36) + (17 * 0.16), all.Tally.ScoreSquares, 9);
        Assert.Equal(AlertHour.MaxExamples, all.Examples.Count);
        Assert.All(all.Examples, e => Assert.Equal(-0.6, e.Score));
        Assert.Equal(all.Examples.Count, all.Examples.Select(e => e.MentionId).Distinct().Count());

        // 14:00-14:25 holds m0..m25; m27.. fell in 13:00.
        AlertHour before = Assert.Single(await _counters.ReadAsync(new AlertSeries("mastodon", null), Hour.AddHours(-1), Hour.AddHours(-1), CancellationToken.None));
        Assert.Equal(4, before.Tally.Scored);
    }

    [Fact]
    public async Task A_tracked_term_counts_the_other_forms_of_its_words_in_its_own_series()
    {
        AlertTally tally = Tally("refund", "data breach");
        await tally.RecordedAsync(
            [
                AlertMentions.Scored("bluesky", "a", "They refunded nobody. Terrible.", -0.7, Now),
                AlertMentions.Scored("bluesky", "b", "Still waiting on my REFUNDS", -0.4, Now),
                AlertMentions.Scored("bluesky", "c", "another data breaches story", -0.5, Now),
                AlertMentions.Scored("bluesky", "d", "refundable ticket, nice", 0.5, Now),
                AlertMentions.Scored("bluesky", "e", "nothing to see", 0.0, Now),
            ],
            CancellationToken.None);

        HourTally refund = Assert.Single(await _counters.ReadAsync(new AlertSeries("bluesky", "refund"), Hour, Hour, CancellationToken.None)).Tally;
        Assert.Equal((2L, 3L), (refund.Negative, refund.Scored));
        HourTally breach = Assert.Single(await _counters.ReadAsync(new AlertSeries("bluesky", "data breach"), Hour, Hour, CancellationToken.None)).Tally;
        Assert.Equal((1L, 1L), (breach.Negative, breach.Scored));
        Assert.Equal(5, Assert.Single(await _counters.ReadAsync(new AlertSeries("bluesky", null), Hour, Hour, CancellationToken.None)).Tally.Scored);

        IReadOnlyList<AlertSeriesStart> series = await _counters.SeriesAsync(CancellationToken.None);
        Assert.Equal(["bluesky.all", "bluesky.data-breach-" + AlertSeries.KeyOf("data breach")![^6..], "bluesky.refund"], series.Select(s => s.Series.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_source_catching_up_fills_the_hours_its_mentions_were_written_in_and_moves_its_start_back()
    {
        AlertTally tally = Tally();
        await tally.RecordedAsync([AlertMentions.Scored("rss", "now", "bad", -0.5, Now)], CancellationToken.None);
        Assert.Equal(Hour, Assert.Single(await _counters.SeriesAsync(CancellationToken.None)).SourceFirstHour);

        // Late arrivals, one from the future (a wrong clock): counted at their hours, the future one now; too old: left out.
        await tally.RecordedAsync(
            [
                AlertMentions.Scored("rss", "old", "bad", -0.5, Now.AddDays(-3)),
                AlertMentions.Scored("rss", "future", "bad", -0.5, Now.AddHours(5)),
                AlertMentions.Scored("rss", "ancient", "bad", -0.5, Now.AddDays(-30)),
            ],
            CancellationToken.None);
        IReadOnlyList<AlertHour> hours = await _counters.ReadAsync(new AlertSeries("rss", null), Now.AddDays(-40), Now.AddDays(1), CancellationToken.None);
        Assert.Equal([Hour.AddDays(-3), Hour], hours.Select(h => h.Hour));
        Assert.Equal(2, hours[1].Tally.Negative);
        Assert.Equal(Hour.AddDays(-3), Assert.Single(await _counters.SeriesAsync(CancellationToken.None)).SourceFirstHour);
    }

    private AlertTally Tally(params string[] terms)
    {
        AlertOptions options = new();
        options.Terms.AddRange(terms);
        return new AlertTally(_counters, new StaticOptionsMonitor<AlertOptions>(options), new FakeTimeProvider(Now));
    }
}

/// <summary>Options that never change.</summary>
internal sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
