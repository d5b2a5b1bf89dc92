namespace Chorus.Orchestration;

/// <summary>
/// Starts, signals, queries and manages orchestration instances. Members mirror
/// <c>Microsoft.DurableTask.Client.DurableTaskClient</c> by name and meaning.
/// </summary>
public abstract class OrchestrationClient
{
    /// <summary>Schedules a new instance and returns its id once it is durably stored.</summary>
    /// <exception cref="OrchestrationAlreadyExistsException">An instance with that id is Pending or Running.</exception>
    /// <remarks>An id whose previous instance reached a terminal status is reused: the instance restarts.</remarks>
    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Raises an external event on an instance; it is buffered if nothing waits for it yet.</summary>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    /// <exception cref="OrchestrationNotRunningException">The instance has finished.</exception>
    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);

    /// <summary>Reads an instance's metadata, or null when there is none.</summary>
    public abstract Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Lists instances matching a query, without scanning every instance.</summary>
    public abstract IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null, CancellationToken cancellation = default);

    /// <summary>Waits until an instance reaches a terminal status.</summary>
    public abstract Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Terminates a running instance with an optional output.</summary>
    public abstract Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default);

    /// <summary>Removes a terminal instance and its history.</summary>
    public abstract Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default);
}
