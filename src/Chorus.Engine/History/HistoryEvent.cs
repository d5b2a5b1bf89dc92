using System.Text.Json.Serialization;
using Chorus.Orchestration;

namespace Chorus.Engine.History;

/// <summary>
/// One entry of an instance's event-sourced history, with the Durable Task Framework's event kinds. Scheduling events
/// carry the task's sequence id in <see cref="TaskId"/>; completion events refer back to it.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "k")]
[JsonDerivedType(typeof(ExecutionStarted), "ExecutionStarted")]
[JsonDerivedType(typeof(OrchestratorStarted), "OrchestratorStarted")]
[JsonDerivedType(typeof(TaskScheduled), "TaskScheduled")]
[JsonDerivedType(typeof(TaskCompleted), "TaskCompleted")]
[JsonDerivedType(typeof(TaskFailed), "TaskFailed")]
[JsonDerivedType(typeof(TimerCreated), "TimerCreated")]
[JsonDerivedType(typeof(TimerFired), "TimerFired")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCreated), "SubOrchestrationInstanceCreated")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCompleted), "SubOrchestrationInstanceCompleted")]
[JsonDerivedType(typeof(SubOrchestrationInstanceFailed), "SubOrchestrationInstanceFailed")]
[JsonDerivedType(typeof(EventRaised), "EventRaised")]
[JsonDerivedType(typeof(ExecutionCompleted), "ExecutionCompleted")]
[JsonDerivedType(typeof(ExecutionTerminated), "ExecutionTerminated")]
public abstract record HistoryEvent
{
    /// <summary>Gets the task id for scheduling events, -1 for the others.</summary>
    public int TaskId { get; init; } = -1;
}

/// <summary>A new execution: orchestrator name, input, optional parent and delayed start.</summary>
public sealed record ExecutionStarted(string Name, string? Input, string ExecutionId, DateTime CreatedAt, DateTime? ScheduledStartTime = null, ParentInstance? Parent = null) : HistoryEvent;

/// <summary>A parent orchestration waiting for this one.</summary>
public sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskId);

/// <summary>Marks the start of a turn; its timestamp is <c>CurrentUtcDateTime</c> for that turn.</summary>
public sealed record OrchestratorStarted(DateTime Timestamp) : HistoryEvent;

/// <summary>An activity was scheduled.</summary>
public sealed record TaskScheduled(string Name, string? Input) : HistoryEvent;

/// <summary>An activity returned.</summary>
public sealed record TaskCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>An activity threw.</summary>
public sealed record TaskFailed(int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent;

/// <summary>A durable timer was created.</summary>
public sealed record TimerCreated(DateTime FireAt) : HistoryEvent;

/// <summary>A durable timer fired.</summary>
public sealed record TimerFired(int TimerId, DateTime FireAt) : HistoryEvent;

/// <summary>A sub-orchestration was started.</summary>
public sealed record SubOrchestrationInstanceCreated(string Name, string InstanceId, string? Input) : HistoryEvent;

/// <summary>A sub-orchestration completed.</summary>
public sealed record SubOrchestrationInstanceCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>A sub-orchestration failed.</summary>
public sealed record SubOrchestrationInstanceFailed(int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent;

/// <summary>An external event arrived. <paramref name="MessageId"/> lets a redelivered message be recognised.</summary>
public sealed record EventRaised(string Name, string? Input, string MessageId) : HistoryEvent;

/// <summary>The execution finished (Completed, Failed) or restarted (ContinuedAsNew).</summary>
public sealed record ExecutionCompleted(OrchestrationRuntimeStatus Status, string? Result, TaskFailureDetails? Failure) : HistoryEvent;

/// <summary>A client terminated the execution.</summary>
public sealed record ExecutionTerminated(string? Output) : HistoryEvent;
