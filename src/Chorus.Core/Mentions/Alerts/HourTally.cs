namespace Chorus.Mentions.Alerts;

/// <summary>
/// One series' hour: its negative mentions, its scored mentions, and the sum and sum of squares of their sentiment
/// scores (-1..1), from which the hour's mean and spread follow.
/// </summary>
public readonly record struct HourTally(long Negative, long Scored, double ScoreSum, double ScoreSquares)
{
    /// <summary>Gets the hour's mean sentiment, or NaN with nothing scored.</summary>
    public double MeanScore => Scored > 0 ? ScoreSum / Scored : double.NaN;
}
