using Chorus.Mentions.Alerts;

namespace Chorus.Host.Alerts;

/// <summary>One page of alerts, newest first, and the link to the next page (null on the last).</summary>
internal sealed record AlertList(IReadOnlyList<AlertListItem> Items, string? Next);

/// <summary>
/// One alert: the source, the tracked term (null: all its mentions), the hour (UTC) and what was found there
/// (<c>spike</c>, <c>dip</c>), the negative mentions counted and expected, the tail probabilities, the mean sentiment
/// against the baseline's, when it was found and mailed (null while the email is pending), and up to five examples.
/// </summary>
internal sealed record AlertListItem(
    string Id,
    string Source,
    string? Term,
    DateTimeOffset Hour,
    IReadOnlyList<string> Kinds,
    long Negative,
    double Expected,
    double BaselineRate,
    double? SpikeProbability,
    double? MeanScore,
    double? BaselineScore,
    double? DipProbability,
    DateTimeOffset DetectedAt,
    DateTimeOffset? SentAt,
    IReadOnlyList<AlertExample> Examples)
{
    public static AlertListItem Of(AlertLogEntry entry)
    {
        AlertRecord a = entry.Alert;
        return new(a.Id, a.Source, a.Term, a.Hour, a.Kinds, a.Negative, a.Expected, a.BaselineRate, a.SpikeProbability, a.MeanScore, a.BaselineScore, a.DipProbability, a.DetectedAt, entry.SentAt, a.Examples);
    }
}
