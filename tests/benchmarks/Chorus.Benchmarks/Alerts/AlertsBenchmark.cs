using System.Diagnostics;
using System.Globalization;
using Chorus.Mentions.Alerts;

namespace Chorus.Benchmarks.Alerts;

/// <summary>
/// The alert detector over one million source-term-hours: 1,000 series of 1,000 hours each (seeded synthetic counts and
/// scores, made before the clock starts), every hour tested against its series' baseline and then folded into it, as
/// the evaluator does. Prints the seconds per million and the bytes allocated while timing (the detector allocates none).
/// </summary>
internal sealed class AlertsBenchmark : IBenchmark
{
    private const int Series = 1_000;
    private const int Hours = 1_000;

    public string Name => "alerts";

    public Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        HourTally[] tallies = Synthetic();
        AlertDetectorSettings settings = new AlertOptions { WarmUp = TimeSpan.FromHours(24) }.DetectorSettings();

        // One pass to compile everything, then the best of three timed passes.
        Run(tallies, settings);
        double best = double.MaxValue;
        long allocated = 0;
        int alerts = 0;
        for (int pass = 0; pass < 3; pass++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Stopwatch clock = Stopwatch.StartNew();
            alerts = Run(tallies, settings);
            clock.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        double perMillion = best * 1_000_000 / ((double)Series * Hours);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alerts.detector_seconds_per_million: {perMillion:0.###} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alerts.detector_bytes_allocated: {allocated} bytes"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alerts.detector_alerting_hours: {alerts} hours"));
        return Task.CompletedTask;
    }

    private static int Run(HourTally[] tallies, in AlertDetectorSettings settings)
    {
        int alerts = 0;
        for (int series = 0; series < Series; series++)
        {
            AlertBaseline baseline = default;
            ReadOnlySpan<HourTally> hours = tallies.AsSpan(series * Hours, Hours);
            for (int hour = 0; hour < hours.Length; hour++)
            {
                if (AlertDetector.Test(baseline, hours[hour], 1, settings).Kinds != AlertKinds.None)
                {
                    alerts++;
                }

                baseline.Add(hours[hour], settings.Decay);
            }
        }

        return alerts;
    }

    /// <summary>Poisson hours at rates from 0.5 to 50 mentions an hour, a third negative, with a spike in every 50th series.</summary>
    private static HourTally[] Synthetic()
    {
        Random random = new(42);
        HourTally[] tallies = new HourTally[Series * Hours];
        for (int series = 0; series < Series; series++)
        {
            double rate = 0.5 + ((series % 100) * 0.5);
            for (int hour = 0; hour < Hours; hour++)
            {
                double hourRate = series % 50 == 0 && hour == Hours - 10 ? rate * 6 : rate;
                int scored = Poisson(random, hourRate);
                long negative = 0;
                double sum = 0, squares = 0;
                for (int i = 0; i < scored; i++)
                {
                    double score = Math.Clamp(0.2 + (0.45 * ((random.NextDouble() * 2) - 1) * 1.7), -1, 1);
                    negative += score <= -0.05 ? 1 : 0;
                    sum += score;
                    squares += score * score;
                }

                tallies[(series * Hours) + hour] = new HourTally(negative, scored, sum, squares);
            }
        }

        return tallies;
    }

    private static int Poisson(Random random, double rate)
    {
        int count = 0;
        double limit = Math.Exp(-rate), product = random.NextDouble();
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }
}
