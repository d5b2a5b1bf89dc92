using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chorus.Host.Dashboard.Charts;

/// <summary>
/// One chart as its page carries it: a JSON data block (<c>&lt;script type="application/json"&gt;</c>) that the static
/// <c>dashboard.js</c> hands to Chart.js. Bars of <see cref="Labels"/> stacked by series, and optionally a line series on
/// its own axis (the mean sentiment). The page prints the same numbers as a table, the chart's text alternative.
/// </summary>
internal sealed record ChartData(string Title, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>Gets the data block's JSON. The default encoder escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>, so no text can end the block early.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>
/// One series: its name, a <paramref name="Key"/> that picks its colour, one value per label (null where there is
/// none), and whether it is drawn as a line on the score axis (-1 to 1) rather than as stacked bars of counts.
/// </summary>
internal sealed record ChartSeries(string Label, string Key, IReadOnlyList<double?> Data, bool Line = false);
