namespace Chorus.Sentiment.Vader;

/// <summary>How VADER's figures map onto the port's labels and confidences (see Vader/README.md).</summary>
internal static class VaderLabels
{
    /// <summary>The conventional VADER threshold: compound at or beyond ±0.05 is not neutral.</summary>
    public const double CompoundThreshold = 0.05;

    /// <summary>Labels by compound score.</summary>
    public static SentimentLabel FromCompound(double compound) =>
        compound >= CompoundThreshold ? SentimentLabel.Positive
        : compound <= -CompoundThreshold ? SentimentLabel.Negative
        : SentimentLabel.Neutral;

    /// <summary>
    /// VADER's pos/neu/neg proportions already sum to 1 up to rounding; they are divided by their sum so the three
    /// confidences sum to 1. A text without tokens (all three 0) is wholly neutral.
    /// </summary>
    public static SentimentConfidence ToConfidence(VaderScores scores)
    {
        double total = scores.Positive + scores.Neutral + scores.Negative;
        if (!(total > 0) || !double.IsFinite(total))
        {
            return new SentimentConfidence(Positive: 0, Neutral: 1, Negative: 0);
        }

        double positive = scores.Positive / total;
        double negative = scores.Negative / total;
        return new SentimentConfidence(positive, Math.Max(0, 1 - positive - negative), negative);
    }
}
