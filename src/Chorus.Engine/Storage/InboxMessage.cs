using Chorus.Orchestration;

namespace Chorus.Engine.Storage;

/// <summary>What a message to an instance asks for.</summary>
internal enum InboxMessageKind
{
    Event,
    Terminate,
    SubOrchestrationCompleted,
    SubOrchestrationFailed,
}

/// <summary>A message to an instance that is stored as its own blob until the instance has durably applied it.</summary>
internal sealed record InboxMessage(string MessageId, InboxMessageKind Kind, DateTime At)
{
    /// <summary>Gets the event name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the serialized payload: event data, termination output or sub-orchestration result.</summary>
    public string? Payload { get; init; }

    /// <summary>Gets the parent's task id, for sub-orchestration results.</summary>
    public int TaskId { get; init; } = -1;

    /// <summary>Gets the execution a sub-orchestration result belongs to.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>Gets the failure, for a failed sub-orchestration.</summary>
    public TaskFailureDetails? Failure { get; init; }
}
