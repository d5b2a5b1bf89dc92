using System.Runtime.CompilerServices;
using Chorus.Engine.Dispatch;
using Chorus.Engine.Storage;
using Chorus.Orchestration;

namespace Chorus.Engine;

/// <summary>The embedded engine's <see cref="OrchestrationClient"/>: every call is durable in Blob Storage before it returns.</summary>
internal sealed class EmbeddedOrchestrationClient(DurableEngine engine, TimeProvider time) : OrchestrationClient
{
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        if (!engine.Registry.TryGetOrchestrator(orchestratorName, out _))
        {
            throw new ArgumentException($"No orchestrator named '{orchestratorName}' is registered. Registered: {string.Join(", ", engine.Registry.OrchestratorNames)}.", nameof(orchestratorName));
        }

        string instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        BlobNames.Validate(instanceId);
        string? serializedInput = SerializePayload(input, nameof(input));
        await engine.CreateInstanceAsync(instanceId, orchestratorName, serializedInput, options?.StartAt?.UtcDateTime, null, cancellation).ConfigureAwait(false);
        return instanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        BlobNames.Validate(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        InboxMessage message = new(Guid.NewGuid().ToString("N"), InboxMessageKind.Event, time.GetUtcNow().UtcDateTime)
        {
            Name = eventName,
            Payload = SerializePayload(eventPayload, nameof(eventPayload)),
        };
        return engine.SendAsync(instanceId, message, isTermination: false, cancellation);
    }

    public override Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default)
    {
        BlobNames.Validate(instanceId);
        InboxMessage message = new(Guid.NewGuid().ToString("N"), InboxMessageKind.Terminate, time.GetUtcNow().UtcDateTime)
        {
            Payload = SerializePayload(output, nameof(output)),
        };
        return engine.SendAsync(instanceId, message, isTermination: true, cancellation);
    }

    public override async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        BlobNames.Validate(instanceId);
        await engine.Initialized.WaitAsync(cancellation).ConfigureAwait(false);
        InstanceState? state = await engine.Store.LoadAsync(instanceId, cancellation).ConfigureAwait(false);
        return state?.ToMetadata(getInputsAndOutputs);
    }

    public override async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        OrchestrationQuery query = filter ?? new OrchestrationQuery();
        await engine.Initialized.WaitAsync(cancellation).ConfigureAwait(false);
        int returned = 0;
        await foreach (string instanceId in engine.Store.QueryAsync(query, cancellation).ConfigureAwait(false))
        {
            // Tags can trail the history by a moment; the history is the truth, so filter on it again.
            InstanceState? state = await engine.Store.LoadAsync(instanceId, cancellation).ConfigureAwait(false);
            if (state is null || (query.Statuses is { Count: > 0 } statuses && !statuses.Contains(state.Status)))
            {
                continue;
            }

            yield return state.ToMetadata(query.FetchInputsAndOutputs);
            if (++returned >= query.PageSize)
            {
                yield break;
            }
        }
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        TimeSpan pause = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            OrchestrationMetadata metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false)
                ?? throw new OrchestrationNotFoundException(instanceId);
            if (metadata.IsCompleted)
            {
                return metadata;
            }

            await engine.WaitForSignalAsync(instanceId, pause, cancellation).ConfigureAwait(false);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 1000));
        }
    }

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default)
    {
        BlobNames.Validate(instanceId);
        await engine.Initialized.WaitAsync(cancellation).ConfigureAwait(false);
        InstanceState? state = await engine.Store.LoadAsync(instanceId, cancellation).ConfigureAwait(false);
        if (state is null)
        {
            return new PurgeResult(0);
        }

        if (!state.Status.IsTerminal())
        {
            throw new InvalidOperationException($"Instance '{instanceId}' is {state.Status}; only a Completed, Failed or Terminated instance can be purged.");
        }

        return new PurgeResult(await engine.Store.DeleteInstanceAsync(instanceId, cancellation).ConfigureAwait(false) ? 1 : 0);
    }

    private static string? SerializePayload(object? value, string parameterName)
    {
        try
        {
            return DurableJson.Serialize(value);
        }
        catch (Exception ex) when (ex is NotSupportedException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new ArgumentException($"The {parameterName} could not be serialized to JSON: {ex.Message}", parameterName, ex);
        }
    }
}
