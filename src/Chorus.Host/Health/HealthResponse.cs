using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chorus.Host.Health;

/// <summary>The answer of <c>GET /healthz</c> and <c>GET /readyz</c>: the overall status and each check's.</summary>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</param>
/// <param name="Duration">How long the checks took together.</param>
/// <param name="Checks">Each check run, by name; none for liveness.</param>
internal sealed record HealthResponse(string Status, TimeSpan Duration, IReadOnlyList<HealthCheckEntry> Checks)
{
    /// <summary>What a failed check says when all it has is its exception's message, which may name hosts or accounts.</summary>
    internal const string WithheldDescription = "The check failed; the service's log has the details.";

    /// <summary>The public form of a report: names, statuses, descriptions and durations, never an exception's text.</summary>
    public static HealthResponse From(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            StatusText(report.Status),
            report.TotalDuration,
            [.. report.Entries.Select(entry => new HealthCheckEntry(entry.Key, StatusText(entry.Value.Status), DescriptionOf(entry.Value), entry.Value.Duration))]);
    }

    private static string StatusText(HealthStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>
    /// A check that threw gets its exception's message as its description from <see cref="HealthCheckService"/>;
    /// Chorus's own checks catch what they expect and describe it themselves, so only an unexpected failure is withheld.
    /// </summary>
    private static string? DescriptionOf(HealthReportEntry entry)
        => entry.Exception is { } exception && entry.Description == exception.Message ? WithheldDescription : entry.Description;
}

/// <summary>One check's part of a <see cref="HealthResponse"/>.</summary>
/// <param name="Name"><c>artefacts</c>, <c>taskhub</c> or <c>mail</c>.</param>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</param>
/// <param name="Description">What the check found, in words that name no host, account or secret.</param>
/// <param name="Duration">How long the check took.</param>
internal sealed record HealthCheckEntry(string Name, string Status, string? Description, TimeSpan Duration);
