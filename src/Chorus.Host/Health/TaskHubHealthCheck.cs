using Grpc.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chorus.Host.Health;

/// <summary>
/// Readiness of the task hub: a read of an instance that never exists goes the whole way (the Durable client, the
/// self-host's sidecar or the Durable extension, the task hub's storage) and changes nothing.
/// </summary>
internal sealed class TaskHubHealthCheck(DurableTaskClient client) : IHealthCheck
{
    /// <summary>The instance id read; no instance of Chorus has it.</summary>
    internal const string ProbeInstanceId = "readyz";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.GetInstanceAsync(ProbeInstanceId, cancellation: cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The task hub answers.");
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The task hub did not answer.", ex);
        }
    }
}
