using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;

namespace Chorus.Benchmarks.Engine;

/// <summary>
/// The Azure Storage orchestration service as the in-process sidecar sees it, passed through unchanged, with two
/// additions for measuring: a completion signal per instance, raised once its final checkpoint is committed (so waiting
/// costs no storage reads and no polling delay), and the time work items spend in each phase.
/// </summary>
/// <remarks>
/// One experiment, off unless <c>activityFetchers</c> is above 1: the sidecar's activity dispatcher fetches one work-item
/// queue message at a time, so activity throughput is at most one per queue round trip. With more fetchers, that many
/// loops fetch in parallel into a small buffer the dispatcher takes from, to measure what the serial fetch costs.
/// </remarks>
internal sealed class InstrumentedOrchestrationService(AzureStorageOrchestrationService inner, int activityFetchers = 1) : IOrchestrationService, IOrchestrationServiceClient
{
    private readonly Channel<TaskActivityWorkItem> _prefetched = Channel.CreateBounded<TaskActivityWorkItem>(Math.Max(1, activityFetchers));
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<OrchestrationStatus>> _completions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<TaskOrchestrationWorkItem, long> _turnsLocked = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<TaskActivityWorkItem, long> _activitiesLocked = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<MessageKey, long> _sent = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<long>> _eventsSent = new(StringComparer.Ordinal);
    private Task[] _fetchers = [];

    /// <summary>Gets the phase timings since the last <see cref="EnginePhases.Reset"/>.</summary>
    public EnginePhases Phases { get; } = new();

    /// <summary>Completes with the instance's final status once that status is committed to storage.</summary>
    public Task<OrchestrationStatus> WhenFinishedAsync(string instanceId) => Completion(instanceId).Task;

    private TaskCompletionSource<OrchestrationStatus> Completion(string instanceId)
        => _completions.GetOrAdd(instanceId, _ => new TaskCompletionSource<OrchestrationStatus>(TaskCreationOptions.RunContinuationsAsynchronously));

    // ---- Orchestration work items: pickup (message sent -> turn locked), execute (locked -> result back over gRPC), commit.
    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        TaskOrchestrationWorkItem workItem = await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem is null)
        {
            return workItem!;
        }

        long now = Stopwatch.GetTimestamp();
        _turnsLocked[workItem] = now;
        foreach (TaskMessage message in workItem.NewMessages)
        {
            string instanceId = message.OrchestrationInstance.InstanceId;
            long sent = message.Event switch
            {
                ExecutionStartedEvent => Take(new MessageKey(instanceId, 's', 0)),
                TaskCompletedEvent completed => Take(new MessageKey(instanceId, 'r', completed.TaskScheduledId)),
                TaskFailedEvent failed => Take(new MessageKey(instanceId, 'r', failed.TaskScheduledId)),
                EventRaisedEvent when _eventsSent.TryGetValue(instanceId, out ConcurrentQueue<long>? queue) && queue.TryDequeue(out long at) => at,
                _ => 0,
            };
            if (sent != 0)
            {
                Phases.OrchestrationPickup.Add(now - sent);
            }
        }

        return workItem;
    }

    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        long start = Stopwatch.GetTimestamp();
        if (_turnsLocked.TryRemove(workItem, out long locked))
        {
            Phases.TurnExecute.Add(start - locked);
        }

        foreach (TaskMessage message in outboundMessages ?? [])
        {
            if (message.Event is TaskScheduledEvent scheduled)
            {
                _sent[new MessageKey(message.OrchestrationInstance.InstanceId, 'a', scheduled.EventId)] = start;
            }
        }

        await inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState).ConfigureAwait(false);
        Phases.TurnCommit.Add(Stopwatch.GetTimestamp() - start);
        OrchestrationStatus status = newOrchestrationRuntimeState.OrchestrationStatus;
        if (status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated)
        {
            Completion(workItem.InstanceId).TrySetResult(status);
        }
    }

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        _turnsLocked.TryRemove(workItem, out _);
        Interlocked.Increment(ref Phases.Abandoned);
        return inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
    }

    // ---- Activity work items: pickup (scheduling turn's commit started -> activity locked), execute, commit.
    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        TaskActivityWorkItem workItem = activityFetchers > 1
            ? await _prefetched.Reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            : await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem is null)
        {
            return workItem!;
        }

        long now = Stopwatch.GetTimestamp();
        _activitiesLocked[workItem] = now;
        if (workItem.TaskMessage.Event is TaskScheduledEvent scheduled
            && Take(new MessageKey(workItem.TaskMessage.OrchestrationInstance.InstanceId, 'a', scheduled.EventId)) is long sent and not 0)
        {
            Phases.ActivityPickup.Add(now - sent);
        }

        return workItem;
    }

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        long start = Stopwatch.GetTimestamp();
        if (_activitiesLocked.TryRemove(workItem, out long locked))
        {
            Phases.ActivityExecute.Add(start - locked);
        }

        int? scheduledId = responseMessage.Event switch
        {
            TaskCompletedEvent completed => completed.TaskScheduledId,
            TaskFailedEvent failed => failed.TaskScheduledId,
            _ => null,
        };
        if (scheduledId is int id)
        {
            _sent[new MessageKey(responseMessage.OrchestrationInstance.InstanceId, 'r', id)] = start;
        }

        await inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage).ConfigureAwait(false);
        Phases.ActivityCommit.Add(Stopwatch.GetTimestamp() - start);
    }

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        _activitiesLocked.TryRemove(workItem, out _);
        Interlocked.Increment(ref Phases.Abandoned);
        return inner.AbandonTaskActivityWorkItemAsync(workItem);
    }

    // ---- Client calls that send messages to orchestrations.
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage)
    {
        _sent[new MessageKey(creationMessage.OrchestrationInstance.InstanceId, 's', 0)] = Stopwatch.GetTimestamp();
        return inner.CreateTaskOrchestrationAsync(creationMessage);
    }

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses)
    {
        _sent[new MessageKey(creationMessage.OrchestrationInstance.InstanceId, 's', 0)] = Stopwatch.GetTimestamp();
        return inner.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);
    }

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message)
    {
        if (message.Event is EventRaisedEvent)
        {
            _eventsSent.GetOrAdd(message.OrchestrationInstance.InstanceId, _ => new ConcurrentQueue<long>()).Enqueue(Stopwatch.GetTimestamp());
        }

        return inner.SendTaskOrchestrationMessageAsync(message);
    }

    private long Take(MessageKey key) => _sent.TryRemove(key, out long at) ? at : 0;

    // ---- Everything else passes straight through.
    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public async Task StartAsync()
    {
        await inner.StartAsync().ConfigureAwait(false);
        if (activityFetchers > 1)
        {
            _fetchers = [.. Enumerable.Range(0, activityFetchers).Select(_ => Task.Run(FetchActivitiesAsync))];
        }
    }

    public Task StopAsync() => StopAsync(isForced: false);

    public async Task StopAsync(bool isForced)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_fetchers).ConfigureAwait(false);
        await inner.StopAsync(isForced).ConfigureAwait(false);
    }

    private async Task FetchActivitiesAsync()
    {
        try
        {
            while (true)
            {
                TaskActivityWorkItem workItem = await inner.LockNextTaskActivityWorkItem(Timeout.InfiniteTimeSpan, _stopping.Token).ConfigureAwait(false);
                if (workItem is not null)
                {
                    await _prefetched.Writer.WriteAsync(workItem, _stopping.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping; a fetched but undelivered message becomes visible again after its visibility timeout.
        }
    }

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) => inner.SendTaskOrchestrationMessageBatchAsync(messages);

    public Task<OrchestrationState?> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
        => inner.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken);

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => inner.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) => inner.GetOrchestrationStateAsync(instanceId, allExecutions);

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) => inner.GetOrchestrationStateAsync(instanceId, executionId);

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) => inner.GetOrchestrationHistoryAsync(instanceId, executionId);

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType)
        => inner.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    /// <summary>One message on its way: kind 's' start, 'r' activity result, 'a' activity request.</summary>
    private readonly record struct MessageKey(string InstanceId, char Kind, int Id);
}

/// <summary>Time spent in each phase of the work items since the last reset.</summary>
internal sealed class EnginePhases
{
    /// <summary>Work items given back to the queue after a failure (should stay 0).</summary>
    public long Abandoned;

    /// <summary>Gets the time from a message to an orchestration being sent (start, activity result, event) to its turn being locked: queue polling, the control-queue read and the history load.</summary>
    public Tally OrchestrationPickup { get; } = new();

    /// <summary>Gets the time from a locked turn to its result coming back: the gRPC round trip to the worker and the replay.</summary>
    public Tally TurnExecute { get; } = new();

    /// <summary>Gets the time to commit a turn: history and instance table writes, outbound queue messages, deleting the inputs.</summary>
    public Tally TurnCommit { get; } = new();

    /// <summary>Gets the time from the scheduling turn's commit starting to the activity being locked: work-item queue polling.</summary>
    public Tally ActivityPickup { get; } = new();

    /// <summary>Gets the time from a locked activity to its result: the gRPC round trip to the worker and the activity.</summary>
    public Tally ActivityExecute { get; } = new();

    /// <summary>Gets the time to commit an activity: its result message to the control queue, deleting the work item.</summary>
    public Tally ActivityCommit { get; } = new();

    public void Reset()
    {
        Interlocked.Exchange(ref Abandoned, 0);
        foreach (Tally tally in new[] { OrchestrationPickup, TurnExecute, TurnCommit, ActivityPickup, ActivityExecute, ActivityCommit })
        {
            tally.Reset();
        }
    }
}

/// <summary>A count and a sum of Stopwatch ticks, safe to add to from any thread.</summary>
internal sealed class Tally
{
    private long _count;
    private long _ticks;

    public long Count => Interlocked.Read(ref _count);

    public double MeanMilliseconds => Count == 0 ? 0 : Interlocked.Read(ref _ticks) * 1000.0 / Stopwatch.Frequency / Count;

    public void Add(long ticks)
    {
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _ticks, ticks);
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _ticks, 0);
    }
}
