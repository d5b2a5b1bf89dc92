namespace Chorus.Orchestration;

/// <summary>No instance has the given id.</summary>
public sealed class OrchestrationNotFoundException(string instanceId)
    : InvalidOperationException($"No orchestration instance with id '{instanceId}' exists.")
{
    /// <summary>Gets the id that was not found.</summary>
    public string InstanceId { get; } = instanceId;
}

/// <summary>The instance exists but has finished, so it takes no more events.</summary>
public sealed class OrchestrationNotRunningException(string instanceId, OrchestrationRuntimeStatus status)
    : InvalidOperationException($"Orchestration instance '{instanceId}' is {status} and no longer takes events.")
{
    /// <summary>Gets the instance id.</summary>
    public string InstanceId { get; } = instanceId;

    /// <summary>Gets the status the instance is in.</summary>
    public OrchestrationRuntimeStatus Status { get; } = status;
}

/// <summary>An instance with the given id is already Pending or Running.</summary>
public sealed class OrchestrationAlreadyExistsException(string instanceId, OrchestrationRuntimeStatus status)
    : InvalidOperationException($"An orchestration instance with id '{instanceId}' already exists and is {status}.")
{
    /// <summary>Gets the instance id.</summary>
    public string InstanceId { get; } = instanceId;
}
