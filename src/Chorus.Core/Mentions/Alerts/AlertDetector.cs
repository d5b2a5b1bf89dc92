using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Chorus.Mentions.Alerts;

/// <summary>
/// Decides whether (part of) an hour is a spike of negative mentions or a dip in sentiment, against the series'
/// <see cref="AlertBaseline"/>. Pure and allocation-free: the same inputs give the same verdict.
/// </summary>
/// <remarks>
/// <para>
/// Spike: a Poisson tail test. With λ the baseline's negative mentions per hour and f the part of the hour gone by, the
/// count k seen so far is compared with Poisson(λ·f): p = P(X ≥ k) = P(k, λ·f), the regularized lower incomplete gamma
/// function. It alerts when k ≥ MinCount and p &lt; Probability. Scaling λ by f is what lets a spike be caught in the hour
/// it starts, minutes in, rather than after the hour closes.
/// </para>
/// <para>
/// Dip: a one-sided test of the hour's mean score m over n scored mentions against the baseline's mean μ and spread σ
/// of one mention's score: t = (m - μ) / (σ / √n), p = P(T ≤ t) for Student's t with n - 1 degrees of freedom. It
/// alerts when n ≥ MinCount, μ - m ≥ SentimentDrop and p &lt; Probability; the drop keeps a busy hour from alerting on
/// a fall too small to matter. Student's t rather than the normal because scores are far from normal (clipped to
/// -1..1, often at either end), so the mean of a handful has heavier tails than Φ allows; with many mentions the two
/// agree. σ is never taken below 0.1, so a baseline of identical scores does not make every change significant.
/// </para>
/// Neither alerts before the baseline has taken in WarmUp hours.
/// </remarks>
public static class AlertDetector
{
    private const double SmallestSpread = 0.1;

    /// <summary>
    /// The verdict on <paramref name="hour"/> so far, <paramref name="elapsed"/> of it gone by (0..1; 1 for a whole
    /// hour), against <paramref name="baseline"/>.
    /// </summary>
    public static AlertVerdict Test(in AlertBaseline baseline, in HourTally hour, double elapsed, in AlertDetectorSettings settings)
    {
        double expected = baseline.Rate * Math.Clamp(elapsed, 1.0 / 60, 1);
        if (baseline.Hours < settings.WarmUpHours)
        {
            return new AlertVerdict(AlertKinds.None, hour.Negative, expected, double.NaN, hour.MeanScore, baseline.MeanScore, double.NaN);
        }

        AlertKinds kinds = AlertKinds.None;
        double spike = double.NaN;
        if (hour.Negative >= settings.MinCount)
        {
            spike = hour.Negative <= expected ? 1 : SpecialFunctions.GammaLowerRegularized(hour.Negative, expected);
            if (spike < settings.Probability)
            {
                kinds |= AlertKinds.Spike;
            }
        }

        double dip = double.NaN;
        double mean = hour.MeanScore;
        double usual = baseline.MeanScore;
        if (hour.Scored >= settings.MinCount && !double.IsNaN(usual) && usual - mean >= settings.SentimentDrop)
        {
            double spread = Math.Max(Math.Sqrt(baseline.ScoreVariance), SmallestSpread);
            double t = (mean - usual) / (spread / Math.Sqrt(hour.Scored));
            dip = StudentT.CDF(0, 1, hour.Scored - 1, t);
            if (dip < settings.Probability)
            {
                kinds |= AlertKinds.Dip;
            }
        }

        return new AlertVerdict(kinds, hour.Negative, expected, spike, mean, usual, dip);
    }
}
