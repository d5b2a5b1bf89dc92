using Chorus.Functions.Http;
using Chorus.Functions.Orchestration;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Chorus.Functions.Functions;

/// <summary>GET /healthz, as the self-host answers it.</summary>
internal sealed class HealthFunctions(BoundDurableClient durable)
{
    /// <summary>GET /healthz.</summary>
    [Function("Health")]
    public IResult Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        durable.Use(client);
        return SharedHandler.Run(CheckAsync);
    }

    // The self-host maps this as an inline lambda in ChorusApp.MapChorus; the same two lines, until it is a named handler.
    private static async Task<IResult> CheckAsync(Chorus.Orchestration.OrchestrationClient client, CancellationToken cancellationToken)
    {
        // Reading a missing instance exercises the task hub end to end without changing anything.
        await client.GetInstanceAsync("healthz", cancellation: cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { status = "healthy" });
    }
}
