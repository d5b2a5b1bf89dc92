namespace Chorus.Mentions.Alerts;

/// <summary>Draws an alert's chart: a series' negative mentions per hour over the last days, with its baseline, as a PNG.</summary>
public interface IAlertChart
{
    /// <summary>
    /// The chart of <paramref name="hours"/> (every hour of the span, oldest first, zeros included), the alert's
    /// <paramref name="alertHour"/> marked, and the baseline rate <paramref name="baselineRate"/> drawn across.
    /// </summary>
    byte[] RenderPng(string title, IReadOnlyList<(DateTimeOffset Hour, long Negative)> hours, DateTimeOffset alertHour, double baselineRate);
}
