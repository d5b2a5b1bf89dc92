namespace Chorus.Host.Dashboard.Charts;

/// <summary>What the <c>_Chart</c> partial draws: a chart's element id, its data, and what its table's first column holds.</summary>
internal sealed record ChartView(string Id, ChartData Data, string LabelHeader);
