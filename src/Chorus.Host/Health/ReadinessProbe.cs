using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chorus.Host.Health;

/// <summary>
/// Runs the readiness checks for <c>/readyz</c> at most once per <see cref="ReuseFor"/>: callers within that time, and
/// callers arriving while a run is under way, get its report. <c>/readyz</c> is anonymous, and each run reads storage
/// and the task hub and opens an SMTP session, so without this anyone could turn a flood of probes into a flood on
/// the dependencies. A probe may see a result up to five seconds old, well inside any probe interval.
/// </summary>
internal sealed class ReadinessProbe(HealthCheckService health, TimeProvider time) : IDisposable
{
    /// <summary>How long one run's report answers for.</summary>
    public static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _running = new(1, 1);
    private Checked? _last;

    /// <summary>The latest report, run now when the last is older than <see cref="ReuseFor"/>.</summary>
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } report)
        {
            return report;
        }

        await _running.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } justRun)
            {
                return justRun;
            }

            HealthReport now = await health.CheckHealthAsync(check => check.Tags.Contains(ChorusHealthChecks.ReadyTag), cancellationToken);
            _last = new Checked(now, time.GetUtcNow());
            return now;
        }
        finally
        {
            _running.Release();
        }
    }

    public void Dispose() => _running.Dispose();

    private HealthReport? Fresh() => Volatile.Read(ref _last) is { } last && time.GetUtcNow() - last.At < ReuseFor ? last.Report : null;

    private sealed record Checked(HealthReport Report, DateTimeOffset At);
}
