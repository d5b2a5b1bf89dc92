using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chorus.Mentions.Alerts;

/// <summary>
/// Evaluates every watched series now: the hour under way (so a spike is caught minutes after it starts) and the hour
/// just ended (which late mentions may still fill). Each series' baseline is folded from its counted hours since its
/// source was first counted (at most <see cref="AlertOptions.BaselineLength"/> back), and a verdict that alerts is
/// raised through <see cref="AlertDispatch"/>, once per series and hour. Both hosts call it on a short timer.
/// </summary>
public sealed partial class AlertEvaluator(
    IAlertCounters counters,
    AlertDispatch dispatch,
    IOptionsMonitor<AlertOptions> options,
    TimeProvider time,
    ILogger<AlertEvaluator> logger)
{
    /// <summary>Evaluates the series and finishes alerts left unsent.</summary>
    /// <returns>How many alerts this call mailed.</returns>
    public async Task<int> EvaluateAsync(CancellationToken cancellationToken)
    {
        AlertOptions current = options.CurrentValue;
        if (!current.Enabled)
        {
            return 0;
        }

        int sent = await dispatch.FinishPendingAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset hour = AlertTally.HourOf(now);
        double elapsed = (now - hour) / TimeSpan.FromHours(1);
        AlertDetectorSettings settings = current.DetectorSettings();
        HashSet<string> tracked = [.. current.Terms.Select(t => AlertSeries.KeyOf(t) ?? string.Empty)];
        foreach (AlertSeriesStart start in await counters.SeriesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (start.Series.Term is not null && !tracked.Contains(start.Series.TermKey))
            {
                continue;
            }

            // Most series are quiet: two rows say so, and only a busy one has its history read.
            IReadOnlyList<AlertHour> recent = await counters.ReadAsync(start.Series, hour.AddHours(-1), hour, cancellationToken).ConfigureAwait(false);
            if (!recent.Any(h => h.Tally.Negative >= settings.MinCount || h.Tally.Scored >= settings.MinCount))
            {
                continue;
            }

            DateTimeOffset from = AlertTally.HourOf(now - current.BaselineLength);
            from = start.SourceFirstHour > from ? start.SourceFirstHour : from;
            IReadOnlyList<AlertHour> history = await counters.ReadAsync(start.Series, from, hour, cancellationToken).ConfigureAwait(false);
            foreach ((DateTimeOffset tested, double part) in new[] { (hour.AddHours(-1), 1.0), (hour, elapsed) })
            {
                if (tested < from || Baseline(history, from, tested, settings.Decay) is not (var baseline, { } counted))
                {
                    continue;
                }

                AlertVerdict verdict = AlertDetector.Test(baseline, counted.Tally, part, settings);
                if (verdict.Kinds != AlertKinds.None)
                {
                    AlertRecord alert = Describe(start.Series, counted, verdict, baseline, now);
                    LogFound(logger, alert.Id, string.Join(" and ", alert.Kinds), verdict.Negative, verdict.Expected);
                    if (await dispatch.RaiseAsync(alert, cancellationToken).ConfigureAwait(false))
                    {
                        sent++;
                    }
                }
            }
        }

        return sent;
    }

    /// <summary>The baseline over the hours from <paramref name="from"/> up to <paramref name="tested"/> (not included), and the tested hour's counts (null when it has none).</summary>
    internal static (AlertBaseline Baseline, AlertHour? Tested)? Baseline(IReadOnlyList<AlertHour> history, DateTimeOffset from, DateTimeOffset tested, double decay)
    {
        AlertBaseline baseline = default;
        DateTimeOffset next = from;
        AlertHour? found = null;
        foreach (AlertHour hour in history)
        {
            if (hour.Hour >= tested)
            {
                found = hour.Hour == tested ? hour : null;
                break;
            }

            baseline.AddEmpty((int)((hour.Hour - next) / TimeSpan.FromHours(1)), decay);
            baseline.Add(hour.Tally, decay);
            next = hour.Hour.AddHours(1);
        }

        baseline.AddEmpty((int)((tested - next) / TimeSpan.FromHours(1)), decay);
        return found is null ? null : (baseline, found);
    }

    private static AlertRecord Describe(AlertSeries series, AlertHour counted, AlertVerdict verdict, AlertBaseline baseline, DateTimeOffset now)
    {
        List<string> kinds = [];
        if (verdict.Kinds.HasFlag(AlertKinds.Spike))
        {
            kinds.Add("spike");
        }

        if (verdict.Kinds.HasFlag(AlertKinds.Dip))
        {
            kinds.Add("dip");
        }

        return new AlertRecord(
            AlertRecord.IdOf(series, counted.Hour),
            series.Source,
            series.Term,
            counted.Hour,
            kinds,
            verdict.Negative,
            Math.Round(verdict.Expected, 4),
            Math.Round(baseline.Rate, 4),
            Finite(verdict.SpikeProbability),
            Finite(verdict.MeanScore) is { } mean ? Math.Round(mean, 4) : null,
            Finite(verdict.BaselineScore) is { } usual ? Math.Round(usual, 4) : null,
            Finite(verdict.DipProbability),
            now,
            [.. counted.Examples.Take(AlertHour.MaxExamples)]);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId}: {Kinds}, {Negative} negative mentions where {Expected:0.##} were expected")]
    private static partial void LogFound(ILogger logger, string alertId, string kinds, long negative, double expected);
}
