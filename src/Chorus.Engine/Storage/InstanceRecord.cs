using Chorus.Engine.History;

namespace Chorus.Engine.Storage;

/// <summary>
/// One block of an instance's append blob: the history events of one or more turns, written together, plus who owns
/// the instance until when. A record with <see cref="Start"/> begins a new execution and drops the history before it.
/// </summary>
internal sealed record InstanceRecord
{
    /// <summary>Gets when the record was written.</summary>
    public DateTime At { get; init; }

    /// <summary>Gets the new execution this record starts, if it starts one.</summary>
    public ExecutionStarted? Start { get; init; }

    /// <summary>Gets the history events, in order.</summary>
    public IReadOnlyList<HistoryEvent> Events { get; init; } = [];

    /// <summary>Gets the worker that owns the instance.</summary>
    public string? Owner { get; init; }

    /// <summary>Gets when that ownership lapses unless renewed.</summary>
    public DateTime OwnerUntil { get; init; }

    /// <summary>Gets whether the record sets the custom status.</summary>
    public bool CustomStatusSet { get; init; }

    /// <summary>Gets the serialized custom status.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>Gets the ids of inbox messages applied by this record, so a redelivered one is recognised.</summary>
    public IReadOnlyList<string>? Consumed { get; init; }
}
