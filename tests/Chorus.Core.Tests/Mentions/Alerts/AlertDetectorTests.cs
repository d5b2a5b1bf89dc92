using Chorus.Mentions.Alerts;

namespace Chorus.Core.Tests.Mentions.Alerts;

public sealed class AlertDetectorTests
{
    private static readonly AlertDetectorSettings Settings = new AlertOptions().DetectorSettings();

    // Each hour is evaluated every ten minutes while it runs (as the hosts do, every minute or so), then once whole.
    private static readonly double[] Looks = [10, 20, 30, 40, 50, 60];

    [Theory]
    [InlineData(1, 11)]
    [InlineData(6, 12)]
    [InlineData(25, 13)]
    [InlineData(80, 14)]
    public void Thirty_days_of_steady_poisson_noise_raise_no_alert(double mentionsPerHour, int seed)
    {
        SyntheticMentions stream = new(seed);
        AlertBaseline baseline = default;
        List<string> alerts = [];
        for (int hour = 0; hour < 30 * 24; hour++)
        {
            List<(double Minute, double Score)> mentions = stream.Hour(mentionsPerHour, 0.2, 0.45);
            foreach (double minute in Looks)
            {
                AlertVerdict verdict = AlertDetector.Test(baseline, SyntheticMentions.TallyUntil(mentions, minute), minute / 60, Settings);
                if (verdict.Kinds != AlertKinds.None)
                {
                    alerts.Add($"hour {hour} minute {minute}: {verdict} base {baseline.MeanScore} var {baseline.ScoreVariance}");
                }
            }

            baseline.Add(SyntheticMentions.TallyUntil(mentions, 60), Settings.Decay);
        }

        Assert.True(baseline.Hours == 720 && baseline.Rate > 0, "the series was never evaluated");
        Assert.True(alerts.Count == 0, string.Join("\n", alerts));
    }

    [Fact]
    public void A_spike_is_caught_in_the_hour_it_starts_minutes_in()
    {
        SyntheticMentions stream = new(21);
        AlertBaseline baseline = Steady(stream, 6, 0.2, 0.45);

        // Negative mentions come at 40 an hour instead of about 2.
        List<(double Minute, double Score)> spike = stream.Hour(6, 0.2, 0.45);
        spike.AddRange(stream.Hour(40, -0.6, 0.2));
        spike.Sort((a, b) => a.Minute.CompareTo(b.Minute));
        double? caught = null;
        for (int minute = 1; minute <= 60 && caught is null; minute++)
        {
            AlertVerdict verdict = AlertDetector.Test(baseline, SyntheticMentions.TallyUntil(spike, minute), minute / 60.0, Settings);
            if (verdict.Kinds.HasFlag(AlertKinds.Spike))
            {
                caught = minute;
                Assert.True(verdict.SpikeProbability < Settings.Probability);
                Assert.True(verdict.Negative >= Settings.MinCount);
            }
        }

        Assert.NotNull(caught);
        Assert.True(caught <= 10, $"caught only at minute {caught}: the part of the hour gone by must scale the expectation");

        // So early that a test of the whole hour's expectation would not have alerted yet.
        HourTally atCatch = SyntheticMentions.TallyUntil(spike, caught.Value);
        Assert.True(AlertDetector.Test(baseline, atCatch, 1, Settings).Kinds == AlertKinds.None, $"{atCatch.Negative} negative mentions by minute {caught} already alert against a whole hour");
    }

    [Fact]
    public void A_fall_in_mean_sentiment_alerts_as_a_dip_without_more_negative_mentions()
    {
        SyntheticMentions stream = new(31);
        AlertBaseline baseline = Steady(stream, 20, 0.5, 0.2);

        // As many mentions and no more negatives than usual, but from glad to lukewarm: mean 0.5 falls to about 0.05.
        HourTally lukewarm = new(Negative: 1, Scored: 20, ScoreSum: 20 * 0.05, ScoreSquares: 20 * ((0.05 * 0.05) + 0.04));
        AlertVerdict verdict = AlertDetector.Test(baseline, lukewarm, 1, Settings);

        Assert.Equal(AlertKinds.Dip, verdict.Kinds);
        Assert.True(verdict.DipProbability < Settings.Probability);
        Assert.InRange(verdict.BaselineScore, 0.45, 0.55);

        // The same fall over fewer mentions than MinCount, or a fall smaller than SentimentDrop, does not.
        Assert.Equal(AlertKinds.None, AlertDetector.Test(baseline, new HourTally(0, 4, 4 * 0.05, 4 * 0.04), 1, Settings).Kinds);
        HourTally slightlyLower = new(0, 400, 400 * 0.35, 400 * ((0.35 * 0.35) + 0.04));
        AlertVerdict small = AlertDetector.Test(baseline, slightlyLower, 1, Settings);
        Assert.Equal(AlertKinds.None, small.Kinds);
        Assert.True(double.IsNaN(small.DipProbability), "a fall smaller than SentimentDrop is not tested, however significant");
    }

    [Fact]
    public void Nothing_alerts_before_the_warm_up()
    {
        AlertBaseline baseline = default;
        for (int hour = 0; hour < 23; hour++)
        {
            baseline.Add(new HourTally(0, 1, 0.5, 0.25), Settings.Decay);
        }

        HourTally burst = new(50, 50, -40, 35);
        Assert.Equal(AlertKinds.None, AlertDetector.Test(baseline, burst, 0.5, Settings).Kinds);
        baseline.Add(new HourTally(0, 1, 0.5, 0.25), Settings.Decay);
        Assert.Equal(AlertKinds.Spike | AlertKinds.Dip, AlertDetector.Test(baseline, burst, 0.5, Settings).Kinds);
    }

    [Theory]
    [InlineData(5, 2.0)]
    [InlineData(11, 2.0)]
    [InlineData(40, 25.0)]
    public void The_spike_probability_is_the_poisson_upper_tail(int count, double rate)
    {
        AlertBaseline baseline = default;
        for (int hour = 0; hour < 48; hour++)
        {
            baseline.Add(new HourTally((long)rate, 0, 0, 0), Settings.Decay);
        }

        // P(X >= k) = 1 - sum_{j<k} e^-λ λ^j / j!
        double below = 0, term = Math.Exp(-rate);
        for (int j = 0; j < count; j++)
        {
            below += term;
            term *= rate / (j + 1);
        }

        AlertVerdict verdict = AlertDetector.Test(baseline, new HourTally(count, 0, 0, 0), 1, Settings);
        Assert.Equal(rate, verdict.Expected, 9);
        Assert.Equal(1 - below, verdict.SpikeProbability, 9);
    }

    [Fact]
    public void The_baseline_forgets_with_the_half_life()
    {
        AlertBaseline baseline = default;
        double decay = new AlertDetectorSettings(1e-5, 5, 10, 0, 0.25).Decay;
        baseline.Add(new HourTally(10, 0, 0, 0), decay);
        Assert.Equal(10, baseline.Rate, 9);
        baseline.AddEmpty(10, decay);

        // One hour of 10 then ten empty ones: a weighted mean of (10·w0) over (w0 + ... + w10).
        double w = 1 - decay, weighted = 10 * w * Math.Pow(decay, 10), weights = 1 - Math.Pow(decay, 11);
        Assert.Equal(weighted / weights, baseline.Rate, 9);
        Assert.Equal(11, baseline.Hours);
    }

    private static AlertBaseline Steady(SyntheticMentions stream, double rate, double mean, double spread)
    {
        AlertBaseline baseline = default;
        for (int hour = 0; hour < 14 * 24; hour++)
        {
            baseline.Add(SyntheticMentions.TallyUntil(stream.Hour(rate, mean, spread), 60), Settings.Decay);
        }

        return baseline;
    }
}
