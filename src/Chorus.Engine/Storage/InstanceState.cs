using Azure;
using Chorus.Engine.History;
using Chorus.Orchestration;

namespace Chorus.Engine.Storage;

/// <summary>An instance as folded from its records: the current execution's history and what it says.</summary>
internal sealed class InstanceState
{
    private readonly Queue<string> _consumedOrder = new();

    public InstanceState(string instanceId, ExecutionStarted started)
    {
        InstanceId = instanceId;
        Started = started;
    }

    public string InstanceId { get; }

    public ExecutionStarted Started { get; private set; }

    public List<HistoryEvent> History { get; } = [];

    public DateTime LastUpdatedAt { get; set; }

    public string? CustomStatus { get; set; }

    public string? Owner { get; set; }

    public DateTime OwnerUntil { get; set; }

    public HashSet<string> Consumed { get; } = [];

    public ETag ETag { get; set; }

    public long BlockCount { get; set; }

    public ExecutionCompleted? Completion => History.Count > 0 ? History[^1] as ExecutionCompleted : null;

    public ExecutionTerminated? Termination => History.Count > 0 ? History[^1] as ExecutionTerminated : null;

    public OrchestrationRuntimeStatus Status => History.Count == 0
        ? OrchestrationRuntimeStatus.Pending
        : History[^1] switch
        {
            ExecutionCompleted completed => completed.Status,
            ExecutionTerminated => OrchestrationRuntimeStatus.Terminated,
            _ => OrchestrationRuntimeStatus.Running,
        };

    /// <summary>Folds a record written after the ones already applied.</summary>
    public void Apply(InstanceRecord record)
    {
        if (record.Start is not null)
        {
            Started = record.Start;
            History.Clear();
            CustomStatus = null;
        }

        History.AddRange(record.Events);
        LastUpdatedAt = record.At;
        if (record.CustomStatusSet)
        {
            CustomStatus = record.CustomStatus;
        }

        if (record.Owner is not null)
        {
            Owner = record.Owner;
            OwnerUntil = record.OwnerUntil;
        }

        foreach (string id in record.Consumed ?? [])
        {
            RememberConsumed(id);
        }
    }

    public OrchestrationMetadata ToMetadata(bool includeInputsAndOutputs) => new(Started.Name, InstanceId)
    {
        RuntimeStatus = Status,
        CreatedAt = new DateTimeOffset(Started.CreatedAt, TimeSpan.Zero),
        LastUpdatedAt = new DateTimeOffset(LastUpdatedAt, TimeSpan.Zero),
        SerializedInput = includeInputsAndOutputs ? Started.Input : null,
        SerializedOutput = includeInputsAndOutputs ? Completion?.Result ?? Termination?.Output : null,
        SerializedCustomStatus = CustomStatus,
        FailureDetails = Completion?.Failure,
    };

    private void RememberConsumed(string id)
    {
        // A bounded memory of applied message ids is enough: a message is only redelivered shortly after it was applied.
        if (Consumed.Add(id))
        {
            _consumedOrder.Enqueue(id);
            if (_consumedOrder.Count > 4096)
            {
                Consumed.Remove(_consumedOrder.Dequeue());
            }
        }
    }
}
