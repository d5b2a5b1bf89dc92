namespace Chorus.Sentiment.Vader;

/// <summary>
/// VADER's figures for one text, unrounded: the proportions of negative, neutral and positive intensity (they sum
/// to 1, or are all 0 for a text without tokens) and the normalised compound score in [-1, 1].
/// </summary>
internal readonly record struct VaderScores(double Negative, double Neutral, double Positive, double Compound)
{
    /// <summary>Gets the figures as the reference returns them: proportions rounded to 3 decimals, compound to 4.</summary>
    public VaderScores Rounded => new(
        PythonRound.Round(Negative, 3),
        PythonRound.Round(Neutral, 3),
        PythonRound.Round(Positive, 3),
        PythonRound.Round(Compound, 4));
}
