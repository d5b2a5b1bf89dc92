using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Chorus.Host.Durable;

/// <summary>
/// Starts an orchestration under a deterministic id at most once. Durable restarts an instance whose id is reused
/// after it finished, unless told otherwise: a repeated submission must never restart a decided post or mention.
/// </summary>
internal static class InstanceStarts
{
    /// <summary>Every status an existing instance can have: an id in any of them is never started again.</summary>
    private static readonly OrchestrationRuntimeStatus[] AnyStatus =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated,
        OrchestrationRuntimeStatus.Suspended,
    ];

    /// <summary>Starts <paramref name="orchestrator"/> as <paramref name="instanceId"/> unless that id exists; true when this call started it.</summary>
    public static async Task<bool> StartOnceAsync(this DurableTaskClient client, TaskName orchestrator, object input, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);

        // The read answers the common repeat cheaply; the dedupe statuses close the race between two first attempts.
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId).WithDedupeStatuses(AnyStatus), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
            return false;
        }
    }
}
