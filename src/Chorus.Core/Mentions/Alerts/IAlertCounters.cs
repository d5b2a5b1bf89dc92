namespace Chorus.Mentions.Alerts;

/// <summary>
/// The hourly counters the alerts are computed from: per series and hour, the negative and scored mentions, their
/// score sums and a few of the most negative as examples, kept up to date as mentions are recorded.
/// </summary>
public interface IAlertCounters
{
    /// <summary>Counts mentions into their series' hours; a mention already counted in a series is not counted there again.</summary>
    Task AddAsync(IReadOnlyList<AlertObservation> observations, CancellationToken cancellationToken);

    /// <summary>Every series counted so far, with the first hour its source was counted in.</summary>
    Task<IReadOnlyList<AlertSeriesStart>> SeriesAsync(CancellationToken cancellationToken);

    /// <summary>A series' hours from <paramref name="first"/> to <paramref name="last"/> (both whole hours, inclusive) that hold any mention, oldest first.</summary>
    Task<IReadOnlyList<AlertHour>> ReadAsync(AlertSeries series, DateTimeOffset first, DateTimeOffset last, CancellationToken cancellationToken);
}

/// <summary>One mention counted into one series' hour.</summary>
public sealed record AlertObservation(AlertSeries Series, DateTimeOffset Hour, string MentionId, bool Negative, double Score, AlertExample Example);

/// <summary>A series' counted hour and its most negative mentions (at most <see cref="AlertHour.MaxExamples"/>).</summary>
public sealed record AlertHour(DateTimeOffset Hour, HourTally Tally, IReadOnlyList<AlertExample> Examples)
{
    /// <summary>How many examples an hour keeps.</summary>
    public const int MaxExamples = 5;
}

/// <summary>A series, and the first hour anything of its source was counted in (where its baseline starts).</summary>
public sealed record AlertSeriesStart(AlertSeries Series, DateTimeOffset SourceFirstHour);

/// <summary>A mention shown as an example in an alert: where to read it, who wrote it, the start of its text, its score.</summary>
public sealed record AlertExample(string Source, string MentionId, Uri? Url, string Author, string Excerpt, double Score);
