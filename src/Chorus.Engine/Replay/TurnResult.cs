using Chorus.Engine.History;
using Chorus.Orchestration;

namespace Chorus.Engine.Replay;

/// <summary>What one turn of an orchestrator produced: history to append, work to start, and how the execution stands.</summary>
internal sealed record TurnResult
{
    /// <summary>Gets the events this turn adds to history, in order.</summary>
    public required IReadOnlyList<HistoryEvent> NewEvents { get; init; }

    /// <summary>Gets the activities, timers and sub-orchestrations first scheduled in this turn.</summary>
    public required IReadOnlyList<PendingAction> NewActions { get; init; }

    /// <summary>Gets every timer that is neither fired nor cancelled: they keep the instance alive.</summary>
    public required IReadOnlyList<PendingAction> OpenTimers { get; init; }

    /// <summary>Gets the custom status, when the orchestrator set one this turn.</summary>
    public (bool Set, string? Value) CustomStatus { get; init; }

    /// <summary>Gets the final status, output and failure, when the execution ended this turn.</summary>
    public ExecutionCompleted? Completion { get; init; }

    /// <summary>Gets the new input and carried-over events, when the orchestrator continued as new.</summary>
    public (string? Input, IReadOnlyList<EventRaised> CarriedEvents)? ContinueAsNew { get; init; }

    /// <summary>Gets whether the execution ended (completed, failed or continued as new).</summary>
    public bool Ended => Completion is not null;

    /// <summary>Gets whether the execution failed.</summary>
    public bool Failed => Completion?.Status == OrchestrationRuntimeStatus.Failed;
}
