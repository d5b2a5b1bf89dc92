using Chorus.Mentions.Alerts;
using ScottPlot;

namespace Chorus.Infrastructure.Alerts;

/// <summary>
/// Draws an alert's chart with ScottPlot (on SkiaSharp, server-side, no display needed): a bar per hour of negative
/// mentions, the alert's hour in red, the baseline as a dashed line, dates along the bottom, in the embedded font.
/// </summary>
internal sealed class ScottPlotAlertChart : IAlertChart
{
    /// <summary>The chart's size in pixels.</summary>
    public const int Width = 800;

    /// <summary>The chart's height in pixels.</summary>
    public const int Height = 300;

    /// <inheritdoc/>
    public byte[] RenderPng(string title, IReadOnlyList<(DateTimeOffset Hour, long Negative)> hours, DateTimeOffset alertHour, double baselineRate)
        => Build(title, hours, alertHour, baselineRate).GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>The chart before it is drawn.</summary>
    internal static Plot Build(string title, IReadOnlyList<(DateTimeOffset Hour, long Negative)> hours, DateTimeOffset alertHour, double baselineRate)
    {
        ArgumentNullException.ThrowIfNull(hours);
        string font = EmbeddedFont.Use();
        Plot plot = new();
        double width = 1.0 / 24;
        List<Bar> bars = new(hours.Count);
        foreach ((DateTimeOffset hour, long negative) in hours)
        {
            bars.Add(new Bar
            {
                Position = hour.UtcDateTime.ToOADate() + (width / 2),
                Value = negative,
                Size = width * 0.9,
                FillColor = hour == alertHour ? Colors.Crimson : Colors.SteelBlue,
                LineWidth = 0,
            });
        }

        plot.Add.Bars(bars);
        if (baselineRate > 0)
        {
            ScottPlot.Plottables.HorizontalLine line = plot.Add.HorizontalLine(baselineRate);
            line.Color = Colors.DarkOrange;
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = "baseline per hour";
            plot.ShowLegend(Alignment.UpperLeft);
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.YLabel("negative mentions");
        plot.XLabel("hour (UTC)");
        plot.Font.Set(font);
        return plot;
    }
}
