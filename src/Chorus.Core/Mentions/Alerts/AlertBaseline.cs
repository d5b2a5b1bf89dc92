namespace Chorus.Mentions.Alerts;

/// <summary>
/// A series' rolling baseline: exponentially weighted means of its negative mentions per hour and of its scores
/// (their sum and sum of squares, for the mean and spread of one mention's score), fed one whole hour at a time,
/// oldest first. A value type with no allocations, so a million series-hours fold in milliseconds.
/// </summary>
/// <remarks>
/// The means start from zero and are divided by the weight the hours so far carry (1 - decay^hours), the usual bias
/// correction, so a young baseline is the plain mean of its hours rather than a value dragged towards zero.
/// </remarks>
public struct AlertBaseline
{
    private double _negative;
    private double _scored;
    private double _scoreSum;
    private double _scoreSquares;
    private double _carried;

    /// <summary>Gets how many hours the baseline has taken in.</summary>
    public int Hours { get; private set; }

    /// <summary>Gets the expected negative mentions in a whole hour.</summary>
    public readonly double Rate => Hours == 0 ? 0 : _negative / Weight;

    /// <summary>Gets the expected scored mentions in a whole hour.</summary>
    public readonly double ScoredRate => Hours == 0 ? 0 : _scored / Weight;

    /// <summary>Gets the mean score of one mention, or NaN when nothing was scored.</summary>
    public readonly double MeanScore => _scored > 0 ? _scoreSum / _scored : double.NaN;

    /// <summary>Gets the variance of one mention's score, or NaN when nothing was scored.</summary>
    public readonly double ScoreVariance => _scored > 0 ? Math.Max(0, (_scoreSquares / _scored) - (MeanScore * MeanScore)) : double.NaN;

    private readonly double Weight => 1 - _carried;

    /// <summary>Takes in the next hour, weighting the hours before by <paramref name="decay"/> (<see cref="AlertDetectorSettings.Decay"/>).</summary>
    public void Add(in HourTally hour, double decay)
    {
        if (Hours == 0)
        {
            _carried = 1;
        }

        double weight = 1 - decay;
        _negative = (_negative * decay) + (weight * hour.Negative);
        _scored = (_scored * decay) + (weight * hour.Scored);
        _scoreSum = (_scoreSum * decay) + (weight * hour.ScoreSum);
        _scoreSquares = (_scoreSquares * decay) + (weight * hour.ScoreSquares);
        _carried *= decay;
        Hours++;
    }

    /// <summary>Takes in <paramref name="hours"/> hours with no mentions at once.</summary>
    public void AddEmpty(int hours, double decay)
    {
        if (hours <= 0)
        {
            return;
        }

        if (Hours == 0)
        {
            _carried = 1;
        }

        double factor = Math.Pow(decay, hours);
        _negative *= factor;
        _scored *= factor;
        _scoreSum *= factor;
        _scoreSquares *= factor;
        _carried *= factor;
        Hours += hours;
    }
}
