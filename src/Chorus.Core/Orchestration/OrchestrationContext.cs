using Microsoft.Extensions.Logging;

namespace Chorus.Orchestration;

/// <summary>
/// What an orchestrator sees of its durable run. Members mirror
/// <c>Microsoft.DurableTask.TaskOrchestrationContext</c> by name and meaning, so the Azure Functions host adapts the
/// real context member for member and the embedded engine implements the same contract.
/// </summary>
/// <remarks>
/// Orchestrator code is replayed from history: it must take time, ids, randomness and I/O only from this context.
/// </remarks>
public abstract class OrchestrationContext
{
    /// <summary>Gets the name the orchestrator was scheduled under.</summary>
    public abstract string Name { get; }

    /// <summary>Gets the id of the current orchestration instance.</summary>
    public abstract string InstanceId { get; }

    /// <summary>Gets the timestamp of the current replay turn: the same value at the same point on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>Gets a value indicating whether the orchestrator is re-executing code it already ran.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>Gets the orchestration's input, deserialized.</summary>
    public abstract T? GetInput<T>();

    /// <summary>Schedules an activity by name and waits for it, retrying as <paramref name="options"/> say.</summary>
    /// <exception cref="TaskFailedException">The activity failed on its last attempt.</exception>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <inheritdoc cref="CallActivityAsync{TResult}(string, object?, TaskOptions?)"/>
    public virtual Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null)
        => CallActivityAsync<object?>(name, input, options);

    /// <summary>Creates a durable timer that fires at <paramref name="fireAt"/> (UTC).</summary>
    /// <remarks>An uncancelled timer keeps the instance Running until it fires: cancel timers you no longer need.</remarks>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>Creates a durable timer that fires after <paramref name="delay"/>.</summary>
    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken)
        => CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>
    /// Waits for an external event. Names are case-insensitive; an event raised before the wait is buffered.
    /// A wait cancelled through <paramref name="cancellationToken"/> gives up its place: a later event of the same
    /// name goes to the next waiter or the buffer, never to the cancelled one.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an external event for at most <paramref name="timeout"/>, racing a durable timer.</summary>
    /// <exception cref="TaskCanceledException">No such event arrived in time.</exception>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        using CancellationTokenSource timerCts = new();
        Task timeoutTask = CreateTimer(timeout, timerCts.Token);

        using CancellationTokenSource eventCts = new();
        Task<T> externalEventTask = WaitForExternalEvent<T>(eventName, eventCts.Token);

        Task winner = await Task.WhenAny(timeoutTask, externalEventTask);
        if (winner == externalEventTask)
        {
            timerCts.Cancel();
        }
        else
        {
            eventCts.Cancel();
        }

        return await externalEventTask;
    }

    /// <summary>Sets the instance's custom status (serialized, at most 16 KB of UTF-16 text).</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Starts a sub-orchestration and waits for its output.</summary>
    /// <param name="options">Retry options; a <see cref="SubOrchestrationOptions"/> also names the child's instance id.</param>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>Restarts the instance with new input once the current turn ends, dropping its history.</summary>
    /// <param name="preserveUnprocessedEvents">Whether buffered external events carry over to the new run.</param>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>Creates a deterministic, name-based GUID: the same one on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>Creates a logger that stays silent while the orchestrator replays.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);
}
