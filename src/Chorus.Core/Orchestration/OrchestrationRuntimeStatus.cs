namespace Chorus.Orchestration;

/// <summary>An instance's runtime status, as Durable names them.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Executing or waiting for a task, timer or event.</summary>
    Running,

    /// <summary>Finished with an output.</summary>
    Completed,

    /// <summary>Restarted itself with new input (transient).</summary>
    ContinuedAsNew,

    /// <summary>Finished with an unhandled exception.</summary>
    Failed,

    /// <summary>Cancelled (reserved; not produced by the embedded engine).</summary>
    Canceled,

    /// <summary>Stopped by a client.</summary>
    Terminated,

    /// <summary>Scheduled, not yet started.</summary>
    Pending,

    /// <summary>Suspended by a client (reserved; not produced by the embedded engine).</summary>
    Suspended,
}

/// <summary>Helpers over <see cref="OrchestrationRuntimeStatus"/>.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>Whether an instance in this status will never run again unless restarted.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) => status is
        OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or
        OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;
}
