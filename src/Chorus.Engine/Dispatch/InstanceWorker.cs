using System.Threading.Channels;
using Azure;
using Chorus.Engine.History;
using Chorus.Engine.Replay;
using Chorus.Engine.Storage;
using Chorus.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chorus.Engine.Dispatch;

/// <summary>
/// Owns one instance while it is loaded in this process: claims it in storage, runs its turns one at a time, starts
/// its activities and timers, and writes what the turns produced. Turns finished while activities are still running
/// are written together (at most <see cref="EngineOptions.MaxFlushDelay"/> later), so a sequence of quick activities
/// costs one storage write, not one per step. Anything that others can observe (an acknowledged event, a completion,
/// a child instance) waits for the write.
/// </summary>
internal sealed partial class InstanceWorker
{
    private readonly DurableEngine _engine;
    private readonly Channel<WorkItem> _work = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<HistoryEvent> _unflushed = [];
    private readonly List<string> _pendingConsumed = [];
    private readonly List<string> _pendingInboxBlobs = [];
    private readonly List<LocalMessage> _pendingLocal = [];
    private readonly List<PendingAction> _pendingChildren = [];
    private readonly HashSet<int> _inFlight = [];
    private readonly Dictionary<int, ITimer> _timers = [];
    private readonly HashSet<string> _inboxSeen = [];
    private InstanceState? _state;
    private InstanceState? _seed;
    private InstanceTags? _writtenTags;
    private (bool Set, string? Value) _pendingCustomStatus;
    private ExecutionStarted? _recreateWith;
    private ITimer? _flushTimer;
    private int _epoch;
    private volatile bool _active;

    public InstanceWorker(DurableEngine engine, string instanceId, InstanceState? seed = null)
    {
        _engine = engine;
        InstanceId = instanceId;
        _seed = seed;
    }

    public string InstanceId { get; }

    /// <summary>Gets whether this worker owns the instance and takes local messages.</summary>
    public bool IsActive => _active;

    public Task Run { get; private set; } = Task.CompletedTask;

    private EngineOptions Options => _engine.Options;

    private DateTime Now => _engine.Time.GetUtcNow().UtcDateTime;

    private bool WaitsForDelayedStart => _state is { History.Count: 0 } s && s.Started.ScheduledStartTime > Now;

    public void Start(CancellationToken stopping) => Run = Task.Run(() => RunAsync(stopping), CancellationToken.None);

    public bool TryPost(WorkItem item) => _work.Writer.TryWrite(item);

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            if (!await LoadAndClaimAsync(stopping).ConfigureAwait(false))
            {
                return;
            }

            while (!stopping.IsCancellationRequested && _state is not null)
            {
                WorkItem? first = await ReceiveAsync(stopping).ConfigureAwait(false);
                if (first is null)
                {
                    return; // Idle long enough: unload. Storage holds everything; the wake tag brings it back.
                }

                List<WorkItem> batch = [first];
                while (batch.Count < 10_000 && _work.Reader.TryRead(out WorkItem? more))
                {
                    batch.Add(more);
                }

                await ProcessAsync(batch, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Host stopping: what is not written is redone after restart.
        }
        catch (Exception ex)
        {
            LogWorkerFailed(_engine.Logger, ex, InstanceId);
        }
        finally
        {
            await ShutDownAsync().ConfigureAwait(false);
        }
    }

    private async Task<WorkItem?> ReceiveAsync(CancellationToken stopping)
    {
        if (_work.Reader.TryRead(out WorkItem? item))
        {
            return item;
        }

        bool idle = _inFlight.Count == 0 && _unflushed.Count == 0 && _pendingLocal.Count == 0;
        if (!idle)
        {
            return await _work.Reader.ReadAsync(stopping).ConfigureAwait(false);
        }

        await FlushTagsAsync(stopping).ConfigureAwait(false);
        using CancellationTokenSource idleTimeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        idleTimeout.CancelAfter(Options.IdleUnloadAfter);
        try
        {
            return await _work.Reader.ReadAsync(idleTimeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task ProcessAsync(List<WorkItem> batch, CancellationToken stopping)
    {
        InstanceState state = _state!;
        List<HistoryEvent> inbound = [];
        List<InboxMessage> terminations = [];
        bool start = false;
        bool flushNow = false;
        foreach (WorkItem item in batch)
        {
            switch (item)
            {
                case ActivityDone done when done.Epoch == _epoch && Awaits(state, done.Result):
                    inbound.Add(done.Result);
                    break;
                case TimerDue due when due.Epoch == _epoch && _timers.Remove(due.TimerId, out ITimer? timer):
                    await timer.DisposeAsync().ConfigureAwait(false);
                    inbound.Add(new TimerFired(due.TimerId, due.FireAt));
                    break;
                case StartDue due when due.Epoch == _epoch && !WaitsForDelayedStart:
                    start = true;
                    break;
                case LocalMessage local when WaitsForDelayedStart:
                    // Nothing runs before a delayed start; the message waits in the inbox like any other.
                    await _engine.Store.WriteInboxAsync(InstanceId, local.Message, stopping).ConfigureAwait(false);
                    local.Ack.TrySetResult();
                    break;
                case LocalMessage local:
                    if (state.Consumed.Contains(local.Message.MessageId) || _pendingConsumed.Contains(local.Message.MessageId))
                    {
                        local.Ack.TrySetResult();
                    }
                    else if (state.Status.IsTerminal())
                    {
                        local.Ack.TrySetException(new OrchestrationNotRunningException(InstanceId, state.Status));
                    }
                    else
                    {
                        _pendingLocal.Add(local);
                        _pendingConsumed.Add(local.Message.MessageId);
                        Accept(local.Message, inbound, terminations);
                        flushNow = true;
                    }

                    break;
                case CheckInbox when !WaitsForDelayedStart:
                    await ReadInboxAsync(inbound, terminations, stopping).ConfigureAwait(false);
                    break;
                case FlushDue:
                    _flushTimer?.Dispose();
                    _flushTimer = null;
                    flushNow = true;
                    break;
                default:
                    break; // A result from an execution this worker has since left behind.
            }
        }

        if (state.Status.IsTerminal())
        {
            await FlushAsync(stopping).ConfigureAwait(false);
            _state = null;
            return;
        }

        if (terminations.Count > 0)
        {
            Terminate(terminations[0].Payload);
            flushNow = true;
        }
        else if (inbound.Count > 0 || (start && state.History.Count == 0))
        {
            flushNow |= RunTurn(inbound);
        }

        bool idle = _inFlight.Count == 0;
        if (flushNow || idle || _unflushed.Count > 2_000 || state.OwnerUntil - Now < Options.OwnershipDuration / 3)
        {
            await FlushAsync(stopping).ConfigureAwait(false);
        }
        else if (_unflushed.Count > 0 && _flushTimer is null)
        {
            _flushTimer = _engine.SystemTime.CreateTimer(_ => TryPost(new FlushDue()), null, Options.MaxFlushDelay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Runs one turn and takes in its result. Returns whether others must see it before work goes on.</summary>
    private bool RunTurn(List<HistoryEvent> inbound)
    {
        InstanceState state = _state!;
        if (state.History.Count == 0)
        {
            inbound.Insert(0, state.Started);
        }

        TurnResult result;
        if (!_engine.Registry.TryGetOrchestrator(state.Started.Name, out Type? type))
        {
            TaskFailureDetails notFound = new(typeof(InvalidOperationException).FullName!, $"No orchestrator named '{state.Started.Name}' is registered in this host.");
            result = new TurnResult
            {
                NewEvents = [new OrchestratorStarted(Now), .. inbound, new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, notFound)],
                NewActions = [],
                OpenTimers = [],
                Completion = new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, notFound),
            };
        }
        else
        {
            using IServiceScope scope = _engine.Services.CreateScope();
            IOrchestrator orchestrator = (IOrchestrator)ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);
            result = TurnRunner.Run(orchestrator, InstanceId, state.History, inbound, Now, _engine.LoggerFactory);
        }

        if (result.CustomStatus.Set)
        {
            state.CustomStatus = result.CustomStatus.Value;
            _pendingCustomStatus = result.CustomStatus;
        }

        if (result.ContinueAsNew is { } next)
        {
            ContinueAsNew(state, next.Input, next.CarriedEvents);
            return true;
        }

        state.History.AddRange(result.NewEvents);
        _unflushed.AddRange(result.NewEvents);
        if (result.Ended)
        {
            LeaveExecution();
            return true;
        }

        foreach (PendingAction action in result.NewActions)
        {
            switch (action.Kind)
            {
                case ActionKind.Activity:
                    Dispatch(action.Id, action.Name, action.Input);
                    break;
                case ActionKind.Timer:
                    Arm(action.Id, action.FireAt);
                    break;
                default:
                    _pendingChildren.Add(action);
                    break;
            }
        }

        // Timers the orchestrator cancelled need not fire.
        HashSet<int> open = result.OpenTimers.Select(t => t.Id).ToHashSet();
        foreach (int id in _timers.Keys.Where(id => !open.Contains(id)).ToList())
        {
            _timers.Remove(id, out ITimer? timer);
            timer?.Dispose();
        }

        return _pendingChildren.Count > 0;
    }

    private void ContinueAsNew(InstanceState state, string? input, IReadOnlyList<EventRaised> carried)
    {
        LeaveExecution();
        ExecutionStarted next = state.Started with { Input = input, ExecutionId = Guid.NewGuid().ToString("N"), ScheduledStartTime = null };
        InstanceState fresh = new(InstanceId, next) { ETag = state.ETag, Owner = state.Owner, OwnerUntil = state.OwnerUntil, CustomStatus = state.CustomStatus };
        _state = fresh;
        _unflushed.Clear();
        _recreateWith = next;
        RunTurn([.. carried]);
    }

    private void Terminate(string? output)
    {
        HistoryEvent[] events = [new OrchestratorStarted(Now), new ExecutionTerminated(output)];
        _state!.History.AddRange(events);
        _unflushed.AddRange(events);
        LeaveExecution();
    }

    /// <summary>Forgets running work of the current execution: late results are recognised by the epoch and dropped.</summary>
    private void LeaveExecution()
    {
        _epoch++;
        _inFlight.Clear();
        foreach (ITimer timer in _timers.Values)
        {
            timer.Dispose();
        }

        _timers.Clear();
    }

    private void Dispatch(int taskId, string name, string? input)
    {
        if (_inFlight.Add(taskId))
        {
            _engine.RunActivity(this, _epoch, taskId, name, input);
        }
    }

    private void Arm(int timerId, DateTime fireAt)
    {
        if (_timers.ContainsKey(timerId))
        {
            return;
        }

        int epoch = _epoch;
        TimeSpan due = fireAt - Now;
        _timers[timerId] = _engine.Time.CreateTimer(_ => TryPost(new TimerDue(epoch, timerId, fireAt)), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    private void Accept(InboxMessage message, List<HistoryEvent> inbound, List<InboxMessage> terminations)
    {
        InstanceState state = _state!;
        switch (message.Kind)
        {
            case InboxMessageKind.Event:
                inbound.Add(new EventRaised(message.Name ?? string.Empty, message.Payload, message.MessageId));
                break;
            case InboxMessageKind.Terminate:
                terminations.Add(message);
                break;
            case InboxMessageKind.SubOrchestrationCompleted or InboxMessageKind.SubOrchestrationFailed
                when message.ExecutionId == state.Started.ExecutionId && !IsCompleted(state, message.TaskId) && !inbound.Any(e => CompletesTask(e, message.TaskId)):
                inbound.Add(message.Kind == InboxMessageKind.SubOrchestrationCompleted
                    ? new SubOrchestrationInstanceCompleted(message.TaskId, message.Payload)
                    : new SubOrchestrationInstanceFailed(message.TaskId, message.Failure ?? new TaskFailureDetails("Unknown", "The sub-orchestration failed.")));
                break;
            default:
                break; // A child's result for an execution that is gone, or one already applied.
        }
    }

    private async Task ReadInboxAsync(List<HistoryEvent> inbound, List<InboxMessage> terminations, CancellationToken stopping)
    {
        InstanceState state = _state!;
        await foreach (string blob in _engine.Store.ListInboxAsync(InstanceId, stopping).ConfigureAwait(false))
        {
            if (!_inboxSeen.Add(blob))
            {
                continue;
            }

            InboxMessage? message = await _engine.Store.ReadInboxAsync(blob, stopping).ConfigureAwait(false);
            _pendingInboxBlobs.Add(blob);
            if (message is null || state.Consumed.Contains(message.MessageId) || _pendingConsumed.Contains(message.MessageId))
            {
                continue;
            }

            _pendingConsumed.Add(message.MessageId);
            if (state.Status.IsTerminal())
            {
                continue; // Nothing can take it any more; deleting it after the next write is all that is left.
            }

            Accept(message, inbound, terminations);
        }
    }

    /// <summary>Whether a result is for work this execution still waits on (not a duplicate, not a leftover).</summary>
    private bool Awaits(InstanceState state, HistoryEvent result) => result switch
    {
        TaskCompleted c => _inFlight.Remove(c.TaskScheduledId),
        TaskFailed f => _inFlight.Remove(f.TaskScheduledId),
        SubOrchestrationInstanceFailed f => !IsCompleted(state, f.TaskScheduledId),
        _ => false,
    };

    private static bool IsCompleted(InstanceState state, int taskId) => state.History.Any(e => CompletesTask(e, taskId));

    private static bool CompletesTask(HistoryEvent e, int taskId) => e switch
    {
        TaskCompleted c => c.TaskScheduledId == taskId,
        TaskFailed f => f.TaskScheduledId == taskId,
        SubOrchestrationInstanceCompleted c => c.TaskScheduledId == taskId,
        SubOrchestrationInstanceFailed f => f.TaskScheduledId == taskId,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "The worker of instance {InstanceId} failed; the instance resumes from storage on its next claim.")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception, string instanceId);
}
