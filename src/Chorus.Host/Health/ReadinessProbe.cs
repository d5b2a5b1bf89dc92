using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chorus.Host.Health;

/// <summary>
/// Runs the readiness checks for <c>/readyz</c> at most once per <see cref="ReuseFor"/>: callers within that time, and
/// callers arriving while a run is under way, get its report. <c>/readyz</c> is anonymous, and each run reads storage
/// and the task hub and opens an SMTP session, so without this anyone could turn a flood of probes into a flood on
/// the dependencies. A probe may see a result up to five seconds old, well inside any probe interval.
/// </summary>
/// <remarks>
/// A run belongs to no caller: it is not cancelled when the request that started it goes away (each check has its own
/// time limit), so callers who hang up cannot make every waiting probe start a run of its own.
/// </remarks>
internal sealed class ReadinessProbe(HealthCheckService health, TimeProvider time)
{
    /// <summary>How long one run's report answers for.</summary>
    public static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private Run? _current;

    /// <summary>The latest report, from a run started now when the last started more than <see cref="ReuseFor"/> ago.</summary>
    public Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        Run run;
        lock (_gate)
        {
            DateTimeOffset now = time.GetUtcNow();
            if (_current is null || (now - _current.StartedAt >= ReuseFor && _current.Report.IsCompleted))
            {
                _current = new Run(now, health.CheckHealthAsync(check => check.Tags.Contains(ChorusHealthChecks.ReadyTag), CancellationToken.None));
            }

            run = _current;
        }

        return run.Report.WaitAsync(cancellationToken);
    }

    private sealed record Run(DateTimeOffset StartedAt, Task<HealthReport> Report);
}
