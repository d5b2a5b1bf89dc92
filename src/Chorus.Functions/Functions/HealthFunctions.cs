using Chorus.Functions.Http;
using Chorus.Host;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Chorus.Functions.Functions;

/// <summary>GET /healthz, answered by the self-host's handler.</summary>
internal static class HealthFunctions
{
    /// <summary>GET /healthz.</summary>
    [Function("Health")]
    public static IResult Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => SharedHandler.Run(client, ChorusApp.CheckHealthAsync);
}
