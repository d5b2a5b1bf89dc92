using Chorus.Mentions.Alerts;

namespace Chorus.Core.Tests.Mentions.Alerts;

/// <summary>Seeded synthetic mention streams: Poisson arrivals over an hour, each with a sentiment score.</summary>
internal sealed class SyntheticMentions(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>One hour of mentions: a Poisson(<paramref name="rate"/>) count, arrival minutes uniform, scores normal around <paramref name="mean"/>.</summary>
    public List<(double Minute, double Score)> Hour(double rate, double mean, double spread)
    {
        int count = Poisson(rate);
        List<(double Minute, double Score)> mentions = new(count);
        for (int i = 0; i < count; i++)
        {
            mentions.Add((_random.NextDouble() * 60, Math.Clamp(mean + (spread * Normal()), -1, 1)));
        }

        mentions.Sort((a, b) => a.Minute.CompareTo(b.Minute));
        return mentions;
    }

    /// <summary>The tally of the mentions that arrived before <paramref name="minute"/>; a score at or below -0.05 is negative.</summary>
    public static HourTally TallyUntil(List<(double Minute, double Score)> hour, double minute)
    {
        long negative = 0, scored = 0;
        double sum = 0, squares = 0;
        foreach ((double at, double score) in hour)
        {
            if (at >= minute)
            {
                break;
            }

            scored++;
            negative += score <= -0.05 ? 1 : 0;
            sum += score;
            squares += score * score;
        }

        return new HourTally(negative, scored, sum, squares);
    }

    public int Poisson(double rate)
    {
        // Knuth's method in chunks, so a large rate does not underflow e^-rate.
        int count = 0;
        while (rate > 0)
        {
            double step = Math.Min(rate, 30);
            rate -= step;
            double limit = Math.Exp(-step), product = _random.NextDouble();
            while (product > limit)
            {
                count++;
                product *= _random.NextDouble();
            }
        }

        return count;
    }

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
