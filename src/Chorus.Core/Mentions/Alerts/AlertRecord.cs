using System.Globalization;
using System.Text.Json.Serialization;

namespace Chorus.Mentions.Alerts;

/// <summary>
/// One alert: the series and hour it is about, what was found and its numbers, when it was found and the examples, as
/// kept in <c>alerts/{yyyy}/{MM}/{dd}/{id}/alert.json</c> and listed by <c>GET /api/alerts</c>. Probabilities and
/// scores are null where the test did not apply.
/// </summary>
public sealed record AlertRecord(
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
    IReadOnlyList<AlertExample> Examples)
{
    /// <summary>Gets the series the alert is about.</summary>
    [JsonIgnore]
    public AlertSeries Series => new(Source, Term);

    /// <summary>The id of a series' alert for an hour: <c>alert-{source}-{term key}-{yyyyMMddHH}</c>, one per series and hour.</summary>
    public static string IdOf(AlertSeries series, DateTimeOffset hour)
    {
        ArgumentNullException.ThrowIfNull(series);
        return $"alert-{series.Source}-{series.TermKey}-{hour.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture)}";
    }
}
