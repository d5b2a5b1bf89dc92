namespace Chorus.Mentions.Alerts;

/// <summary>The detector's settings (<see cref="AlertOptions.DetectorSettings"/>), with the baseline's per-hour decay worked out once.</summary>
public readonly record struct AlertDetectorSettings(double Probability, int MinCount, double HalfLifeHours, double WarmUpHours, double SentimentDrop)
{
    /// <summary>Gets how much an hour's weight keeps per hour that follows: 2^(-1/half-life).</summary>
    public double Decay { get; } = Math.Pow(2, -1 / HalfLifeHours);
}
