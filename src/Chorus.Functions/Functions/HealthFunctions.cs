using Chorus.Functions.Http;
using Chorus.Host.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Chorus.Functions.Functions;

/// <summary>GET /healthz and GET /readyz, answered by the self-host's <see cref="HealthEndpoints"/> handlers with the same checks.</summary>
internal static class HealthFunctions
{
    /// <summary>GET /healthz: the worker answers.</summary>
    [Function("CheckLiveness")]
    public static IResult Liveness(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest request)
        => SharedHandler.Run(HealthEndpoints.CheckLiveness);

    /// <summary>GET /readyz: its task hub check reads through this invocation's Durable client.</summary>
    [Function("CheckReadiness")]
    public static IResult Readiness(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "readyz")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => SharedHandler.Run(client, HealthEndpoints.CheckReadinessAsync);
}
