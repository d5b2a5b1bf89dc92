namespace Chorus.Mentions.Alerts;

/// <summary>
/// Spike and sentiment-dip alerts, bound from <c>Mentions:Alerts</c> and checked at start (<see cref="AlertOptionsValidator"/>).
/// Every source is watched as a whole and for each tracked term: its negative mentions per hour against a rolling
/// baseline (<see cref="AlertDetector"/>), and the mean sentiment of its mentions in the hour.
/// </summary>
public sealed class AlertOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Mentions:Alerts";

    /// <summary>Gets or sets a value indicating whether alerts are evaluated and sent (counting goes on either way, so turning them on finds a baseline).</summary>
    public bool Enabled { get; set; }

    /// <summary>Gets the tracked terms: each is watched per source on its own, matched by stem in the mention's language as the triage terms are.</summary>
    public List<string> Terms { get; } = [];

    /// <summary>Gets the care team's addresses, who receive every alert.</summary>
    public List<string> Recipients { get; } = [];

    /// <summary>
    /// Gets or sets the tail probability below which an hour alerts: the chance, were the baseline right, of seeing at
    /// least this many negative mentions (or a mean sentiment this low). It is per series and evaluation, so noise
    /// alone alerts about <c>Probability × series × evaluations</c> times; the default keeps that near once a month
    /// for fifty series evaluated every minute.
    /// </summary>
    public double Probability { get; set; } = 1e-5;

    /// <summary>Gets or sets the fewest negative mentions (or scored mentions, for a dip) in an hour that may alert.</summary>
    public int MinCount { get; set; } = 5;

    /// <summary>Gets or sets the baseline's half-life: an hour this long ago weighs half as much as the last one.</summary>
    public TimeSpan BaselineHalfLife { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Gets or sets how far back the baseline is read (hours older than this no longer count).</summary>
    public TimeSpan BaselineLength { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Gets or sets how much counted history a source needs before it may alert, so a fresh install does not alert on its first busy hour.</summary>
    public TimeSpan WarmUp { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Gets or sets the fall in mean sentiment (on the -1..1 scale) from the baseline that may alert as a dip.</summary>
    public double SentimentDrop { get; set; } = 0.25;

    /// <summary>Gets or sets how often the self-host evaluates the current hour (the Azure Functions app's timer runs every minute).</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The detector's settings from these options.</summary>
    public AlertDetectorSettings DetectorSettings() => new(Probability, MinCount, BaselineHalfLife.TotalHours, WarmUp.TotalHours, SentimentDrop);
}
