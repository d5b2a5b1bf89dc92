using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chorus.Host.Health;

/// <summary>
/// <c>GET /healthz</c> (liveness: the process answers; it checks nothing, so a slow dependency never gets a live process
/// restarted) and <c>GET /readyz</c> (readiness: artefact storage, the task hub and the mail server answer). Both are
/// anonymous, as probes and load balancers send no keys; their answers name checks and statuses, never a host, an
/// account or an exception's text.
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder health = routes.MapGroup(string.Empty).WithTags("Health");
        health.MapGet("/healthz", CheckLiveness)
            .WithName("CheckLiveness")
            .WithSummary("Liveness: the process answers")
            .WithDescription("Checks nothing else, so it stays cheap and a slow dependency never gets a live process restarted.")
            .Produces<HealthResponse>();
        health.MapGet("/readyz", CheckReadinessAsync)
            .WithName("CheckReadiness")
            .WithSummary("Readiness: artefact storage, the task hub and the mail server answer")
            .WithDescription("200 when every check passes; 503 when one fails, with each check's status. Each check has 5 seconds; a run answers for 5 seconds, to every probe in that time.")
            .Produces<HealthResponse>()
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    /// <summary>GET /healthz.</summary>
    internal static IResult CheckLiveness(HttpContext http) => Answer(http, new HealthReport(new Dictionary<string, HealthReportEntry>(), TimeSpan.Zero));

    /// <summary>GET /readyz.</summary>
    internal static async Task<IResult> CheckReadinessAsync(HttpContext http, ReadinessProbe readiness, CancellationToken cancellationToken)
        => Answer(http, await readiness.CheckAsync(cancellationToken));

    private static JsonHttpResult<HealthResponse> Answer(HttpContext http, HealthReport report)
    {
        // A cached "healthy" would hide an outage from the next probe.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(
            HealthResponse.From(report),
            statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}
