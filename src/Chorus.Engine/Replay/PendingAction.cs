namespace Chorus.Engine.Replay;

/// <summary>What an orchestrator asked for: an activity, a timer or a sub-orchestration.</summary>
internal enum ActionKind
{
    Activity,
    Timer,
    SubOrchestration,
}

/// <summary>One action the orchestrator took, with the task its code awaits.</summary>
internal sealed class PendingAction(int id, ActionKind kind, string name)
{
    private readonly TaskCompletionSource<string?> _completion = new();

    public int Id { get; } = id;

    public ActionKind Kind { get; } = kind;

    /// <summary>Gets the activity or orchestrator name; "timer" for timers.</summary>
    public string Name { get; } = name;

    public string? Input { get; init; }

    public DateTime FireAt { get; init; }

    public string? SubInstanceId { get; init; }

    /// <summary>Gets or sets whether history already records this action being scheduled.</summary>
    public bool InHistory { get; set; }

    /// <summary>Gets or sets whether a timer was cancelled by the orchestrator.</summary>
    public bool Cancelled { get; set; }

    public Task<string?> Task => _completion.Task;

    public bool IsDone => _completion.Task.IsCompleted;

    public void Complete(string? result) => _completion.TrySetResult(result);

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    public void Cancel(CancellationToken token)
    {
        Cancelled = true;
        _completion.TrySetCanceled(token);
    }

    public string Describe() => Kind switch
    {
        ActionKind.Activity => $"activity '{Name}'",
        ActionKind.Timer => $"timer firing at {FireAt:O}",
        _ => $"sub-orchestration '{Name}' ({SubInstanceId})",
    };
}
