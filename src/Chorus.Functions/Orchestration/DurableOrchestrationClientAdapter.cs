// The orchestration port's client (Chorus.Orchestration.OrchestrationClient) over Durable Functions' DurableTaskClient.
// Written against these public sources (repository, path, commit read):
//   microsoft/durabletask-dotnet
//     src/Client/Core/DurableTaskClient.cs         208aade2258d3d1f3f1f66e0c7b5297db78b8d7d
//       ScheduleNewOrchestrationInstanceAsync(TaskName, object?, StartOrchestrationOptions?, CancellationToken),
//       RaiseEventAsync(string, string, object?, CancellationToken), GetInstanceAsync(string, bool, CancellationToken),
//       GetAllInstancesAsync(OrchestrationQuery?) -> AsyncPageable<OrchestrationMetadata>,
//       WaitForInstanceCompletionAsync(string, bool, CancellationToken), TerminateInstanceAsync(string, object?, CancellationToken),
//       PurgeInstanceAsync(string, CancellationToken) -> PurgeResult
//     src/Abstractions/TaskOptions.cs              89a5fef9f16b4c45ea2d9a2654d6ac98397d4106  (StartOrchestrationOptions(InstanceId, StartAt))
//     src/Client/Core/OrchestrationQuery.cs        43e04cc007b6d4fa2149720f3f040269ca710d55  (CreatedFrom, CreatedTo, Statuses, InstanceIdPrefix, PageSize, FetchInputsAndOutputs)
//     src/Client/Core/OrchestrationMetadata.cs     3bfb535a5fca643fb38f0ee829898fbd7ad0a48b
//     src/Client/Core/OrchestrationRuntimeStatus.cs 61d7080df92fd257bf13e3ef1a4fd20115bf69b4 (statuses map by name)
//     src/Client/Core/PurgeResult.cs               c014df21995171d50c2beb05c0adcd0481c010fc
//   Azure/azure-functions-durable-extension
//     src/Worker.Extensions.DurableTask/DurableClientAttribute.cs 856bba80118966b263637997f63a27e770f67500
// Both Microsoft.DurableTask and Microsoft.DurableTask.Client are imported: the client types moved between them over
// the 1.x releases, and port types are always written Port.X, so no name is ambiguous.

using System.Runtime.CompilerServices;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Port = Chorus.Orchestration;
using static Chorus.Orchestration.OrchestrationRuntimeStatusExtensions;

namespace Chorus.Functions.Orchestration;

/// <summary>
/// Presents the <see cref="DurableTaskClient"/> bound by <c>[DurableClient]</c> as the port's
/// <see cref="Port.OrchestrationClient"/>, so the self-host's handlers and activities work unchanged in functions.
/// </summary>
/// <remarks>
/// Durable accepts a start for a running id and an event for a finished or missing instance silently; the port
/// promises exceptions for both (the shared handlers rely on them), so those two calls read the instance first.
/// </remarks>
internal sealed class DurableOrchestrationClientAdapter(Func<DurableTaskClient> client) : Port.OrchestrationClient
{
    /// <summary>Initializes the adapter over one client.</summary>
    public DurableOrchestrationClientAdapter(DurableTaskClient client)
        : this(() => client)
    {
    }

    /// <inheritdoc/>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input = null, Port.StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        if (options?.InstanceId is { } instanceId
            && await client().GetInstanceAsync(instanceId, false, cancellation) is { } existing
            && ToPort(existing.RuntimeStatus) is var status && !status.IsTerminal())
        {
            throw new Port.OrchestrationAlreadyExistsException(instanceId, status);
        }

        StartOrchestrationOptions? start = options is null ? null : new StartOrchestrationOptions(options.InstanceId, options.StartAt);
        return await client().ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, start, cancellation);
    }

    /// <inheritdoc/>
    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        OrchestrationMetadata existing = await client().GetInstanceAsync(instanceId, false, cancellation)
            ?? throw new Port.OrchestrationNotFoundException(instanceId);
        Port.OrchestrationRuntimeStatus status = ToPort(existing.RuntimeStatus);
        if (status.IsTerminal())
        {
            throw new Port.OrchestrationNotRunningException(instanceId, status);
        }

        await client().RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);
    }

    /// <inheritdoc/>
    public override async Task<Port.OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        => await client().GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation) is { } metadata ? ToPort(metadata) : null;

    /// <inheritdoc/>
    public override async IAsyncEnumerable<Port.OrchestrationMetadata> GetAllInstancesAsync(
        Port.OrchestrationQuery? filter = null, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        Port.OrchestrationQuery query = filter ?? new Port.OrchestrationQuery();
        int returned = 0;
        await foreach (OrchestrationMetadata metadata in client().GetAllInstancesAsync(ToDurable(query)).WithCancellation(cancellation))
        {
            yield return ToPort(metadata);
            if (++returned >= query.PageSize)
            {
                yield break;
            }
        }
    }

    /// <inheritdoc/>
    public override async Task<Port.OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        => ToPort(await client().WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation));

    /// <inheritdoc/>
    public override Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default)
        => client().TerminateInstanceAsync(instanceId, output, cancellation);

    /// <inheritdoc/>
    public override async Task<Port.PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default)
        => new((await client().PurgeInstanceAsync(instanceId, cancellation)).PurgedInstanceCount);

    /// <summary>The port's query as Durable's. The port's page size is the most instances returned; Durable pages underneath.</summary>
    internal static OrchestrationQuery ToDurable(Port.OrchestrationQuery query) => new()
    {
        CreatedFrom = query.CreatedFrom,
        CreatedTo = query.CreatedTo,
        Statuses = query.Statuses is { Count: > 0 } statuses ? statuses.Select(s => ToDurable(s)).ToList() : null,
        InstanceIdPrefix = query.InstanceIdPrefix,
        FetchInputsAndOutputs = query.FetchInputsAndOutputs,
        PageSize = Math.Min(query.PageSize, OrchestrationQuery.DefaultPageSize),
    };

    /// <summary>Durable's instance snapshot as the port's (serialized payloads are passed through as they are).</summary>
    internal static Port.OrchestrationMetadata ToPort(OrchestrationMetadata metadata) => new(metadata.Name, metadata.InstanceId)
    {
        RuntimeStatus = ToPort(metadata.RuntimeStatus),
        CreatedAt = metadata.CreatedAt,
        LastUpdatedAt = metadata.LastUpdatedAt,
        SerializedInput = metadata.SerializedInput,
        SerializedOutput = metadata.SerializedOutput,
        SerializedCustomStatus = metadata.SerializedCustomStatus,
        FailureDetails = metadata.FailureDetails is null ? null : DurableOrchestrationContextAdapter.ToPort(metadata.FailureDetails),
    };

    /// <summary>Statuses carry the same names on both sides (Durable marks two of them obsolete, so map by name).</summary>
    internal static Port.OrchestrationRuntimeStatus ToPort(OrchestrationRuntimeStatus status)
        => Enum.Parse<Port.OrchestrationRuntimeStatus>(status.ToString());

    /// <inheritdoc cref="ToPort(OrchestrationRuntimeStatus)"/>
    internal static OrchestrationRuntimeStatus ToDurable(Port.OrchestrationRuntimeStatus status)
        => Enum.Parse<OrchestrationRuntimeStatus>(status.ToString());
}
