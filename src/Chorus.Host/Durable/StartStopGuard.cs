using DurableTask.Core;

namespace Chorus.Host.Durable;

/// <summary>
/// The Azure Storage orchestration service as the sidecar's dispatchers see it, with its start and stop made safe to
/// race. The sidecar starts the service once a worker connects and stops it when its host stops, each from an
/// <c>async void</c> callback, so an exception there ends the process: stopping a service that never started (a host
/// stopped within a moment of starting) throws in <c>AzureStorageOrchestrationService.StopAsync</c>. Here a stop before
/// any start does nothing, a start after a stop does nothing, and the two never overlap. Every other member passes
/// straight through.
/// </summary>
internal sealed class StartStopGuard(IOrchestrationService inner) : IOrchestrationService
{
    private readonly Lock _lock = new();
    private Task _last = Task.CompletedTask;
    private bool _started;
    private bool _stopped;

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public Task StartAsync() => InTurn(async () =>
    {
        if (!_started && !_stopped)
        {
            await inner.StartAsync().ConfigureAwait(false);
            _started = true;
        }
    });

    public Task StopAsync() => StopAsync(isForced: false);

    public Task StopAsync(bool isForced) => InTurn(async () =>
    {
        _stopped = true;
        if (_started)
        {
            _started = false;
            await inner.StopAsync(isForced).ConfigureAwait(false);
        }
    });

    /// <summary>Runs <paramref name="step"/> after every start or stop asked for before it, whatever became of those.</summary>
    private Task InTurn(Func<Task> step)
    {
        lock (_lock)
        {
            Task previous = _last;
            _last = AfterAsync(previous, step);
            return _last;
        }

        static async Task AfterAsync(Task previous, Func<Task> step)
        {
            await Task.WhenAny(previous).ConfigureAwait(false);
            await step().ConfigureAwait(false);
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

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
        => inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
        => inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
        => inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) => inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);
}
