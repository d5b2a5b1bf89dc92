namespace Chorus.Mentions.Alerts;

/// <summary>What was found in an hour.</summary>
[Flags]
public enum AlertKinds
{
    /// <summary>Nothing unusual.</summary>
    None = 0,

    /// <summary>More negative mentions than the baseline makes believable.</summary>
    Spike = 1,

    /// <summary>A mean sentiment further below the baseline's than it makes believable.</summary>
    Dip = 2,
}

/// <summary>
/// The detector's finding for one series and (part of an) hour: what alerts, the negative mentions counted and
/// expected by then, the chance of at least that many, and the sentiment test's figures (NaN when it did not apply).
/// </summary>
public readonly record struct AlertVerdict(
    AlertKinds Kinds,
    long Negative,
    double Expected,
    double SpikeProbability,
    double MeanScore,
    double BaselineScore,
    double DipProbability);
