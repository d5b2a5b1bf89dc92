using System.Collections.Concurrent;
using Azure;
using Chorus.Engine.History;
using Chorus.Engine.Replay;
using Chorus.Engine.Storage;
using Chorus.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chorus.Engine.Dispatch;

/// <summary>
/// The embedded durable engine: keeps a worker per loaded instance, runs activities with bounded concurrency, and
/// polls storage for what needs this process (inbox messages, due timers, instances a crashed owner left).
/// </summary>
internal sealed partial class DurableEngine : BackgroundService
{
    private readonly ConcurrentDictionary<string, InstanceWorker> _workers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _skipUntil = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _completions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _activitySlots;
    private readonly TaskCompletionSource _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationToken _stopping;

    public DurableEngine(
        InstanceStore store,
        OrchestrationRegistry registry,
        IServiceProvider services,
        IOptions<EngineOptions> options,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        Store = store;
        Registry = registry;
        Services = services;
        Options = options.Value;
        Time = time;
        LoggerFactory = loggerFactory;
        Logger = loggerFactory.CreateLogger<DurableEngine>();
        _activitySlots = new SemaphoreSlim(Options.MaxConcurrentActivities);
    }

    public InstanceStore Store { get; }

    public OrchestrationRegistry Registry { get; }

    public IServiceProvider Services { get; }

    public EngineOptions Options { get; }

    /// <summary>Gets the clock of orchestrations: turn timestamps, durable timers, ownership.</summary>
    public TimeProvider Time { get; }

    /// <summary>Gets the clock of I/O batching and polling, which stays real even when tests fake <see cref="Time"/>.</summary>
    public TimeProvider SystemTime { get; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; }

    public ILogger Logger { get; }

    /// <summary>Completes once the task hub container exists.</summary>
    public Task Initialized => _initialized.Task;

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    /// <summary>Creates an instance (or restarts a finished one) and starts it here.</summary>
    public async Task CreateInstanceAsync(string instanceId, string name, string? input, DateTime? startAt, ParentInstance? parent, CancellationToken cancellationToken)
    {
        await Initialized.WaitAsync(cancellationToken).ConfigureAwait(false);
        DateTime now = Now;
        ExecutionStarted started = new(name, input, Guid.NewGuid().ToString("N"), now, startAt > now ? startAt : null, parent);
        InstanceRecord record = Options.RunWorker
            ? new() { At = now, Start = started, Owner = Options.WorkerId, OwnerUntil = now + Options.OwnershipDuration }
            : new() { At = now, Start = started };
        // The creator owns a new instance at once, so others need not look at it before its claim lapses.
        InstanceTags tags = new(name, OrchestrationRuntimeStatus.Pending, now, started.ScheduledStartTime ?? (Options.RunWorker ? record.OwnerUntil : now));
        ETag? created = await Store.CreateAsync(instanceId, record, tags, null, cancellationToken).ConfigureAwait(false);
        for (int attempt = 0; created is null; attempt++)
        {
            // The id is taken: refuse a live instance, restart a finished one.
            InstanceState? existing = await Store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (existing is not null && !existing.Status.IsTerminal())
            {
                if (parent is not null && existing.Started.Parent == parent)
                {
                    return; // A recovering parent re-creating its child: it is already there.
                }

                throw new OrchestrationAlreadyExistsException(instanceId, existing.Status);
            }

            if (existing is not null && _workers.TryGetValue(instanceId, out InstanceWorker? stale))
            {
                // The worker of the finished run may still be winding down.
                await stale.Run.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            created = await Store.CreateAsync(instanceId, record, tags, existing?.ETag, cancellationToken).ConfigureAwait(false);
            if (created is null && attempt >= 3)
            {
                throw new InvalidOperationException($"Instance '{instanceId}' kept changing while it was being created; try again.");
            }
        }

        _skipUntil.TryRemove(instanceId, out _);
        if (Options.RunWorker)
        {
            // The worker starts from what was just written instead of reading it back.
            InstanceState state = new(instanceId, started) { ETag = created.Value };
            state.Apply(record);
            Post(instanceId, new StartDue(0), state);
        }
    }

    /// <summary>Sends a message; through the loaded worker when there is one, else through the durable inbox.</summary>
    public async Task SendAsync(string instanceId, InboxMessage message, bool isTermination, CancellationToken cancellationToken)
    {
        await Initialized.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_workers.TryGetValue(instanceId, out InstanceWorker? worker) && worker.IsActive)
        {
            TaskCompletionSource ack = new(TaskCreationOptions.RunContinuationsAsynchronously);
            if (worker.TryPost(new LocalMessage(message, ack)))
            {
                try
                {
                    await ack.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (OrchestrationNotRunningException) when (isTermination)
                {
                    return; // Terminating a finished instance changes nothing, as in Durable.
                }
            }
        }

        InstanceState state = await Store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new OrchestrationNotFoundException(instanceId);
        if (state.Status.IsTerminal())
        {
            if (isTermination)
            {
                return;
            }

            throw new OrchestrationNotRunningException(instanceId, state.Status);
        }

        await Store.WriteInboxAsync(instanceId, message, cancellationToken).ConfigureAwait(false);
        if (state.Owner == Options.WorkerId || state.OwnerUntil <= Now)
        {
            _skipUntil.TryRemove(instanceId, out _);
            Post(instanceId, new CheckInbox());
        }
    }

    /// <summary>Waits for a local completion signal, or a short while, whichever comes first.</summary>
    public Task WaitForSignalAsync(string instanceId, TimeSpan atMost, CancellationToken cancellationToken)
    {
        TaskCompletionSource signal = _completions.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return Task.WhenAny(signal.Task, Task.Delay(atMost, SystemTime, cancellationToken));
    }

    /// <summary>Raised after an instance's terminal state is written (benchmarks count on it).</summary>
    internal event Action<string>? InstanceCompleted;

    internal void NotifyCompleted(string instanceId)
    {
        InstanceCompleted?.Invoke(instanceId);
        if (_completions.TryRemove(instanceId, out TaskCompletionSource? signal))
        {
            signal.TrySetResult();
        }
    }

    internal void NotifyInbox(string instanceId)
    {
        _skipUntil.TryRemove(instanceId, out _);
        Post(instanceId, new CheckInbox());
    }

    internal void SkipUntil(string instanceId, DateTime until) => _skipUntil[instanceId] = until;

    internal void Remove(InstanceWorker worker) => _workers.TryRemove(new KeyValuePair<string, InstanceWorker>(worker.InstanceId, worker));

    /// <summary>Hands a work item to the instance's worker, starting one if none is loaded.</summary>
    internal void Post(string instanceId, WorkItem item, InstanceState? seed = null)
    {
        if (_stopping.IsCancellationRequested || !Options.RunWorker)
        {
            return;
        }

        for (int attempt = 0; attempt < 3; attempt++)
        {
            InstanceWorker worker = _workers.GetOrAdd(instanceId, id =>
            {
                InstanceWorker worker = new(this, id, seed);
                worker.Start(_stopping);
                return worker;
            });
            if (worker.TryPost(item))
            {
                return;
            }

            Remove(worker);
        }
    }

    /// <summary>Runs an activity on the thread pool and posts its result back to the worker.</summary>
    internal void RunActivity(InstanceWorker worker, int epoch, int taskId, string name, string? input)
    {
        _ = Task.Run(async () =>
        {
            HistoryEvent result;
            await _activitySlots.WaitAsync(_stopping).ConfigureAwait(false);
            try
            {
                result = await InvokeActivityAsync(worker.InstanceId, taskId, name, input).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return; // Stopping: the activity runs again after restart.
            }
            finally
            {
                _activitySlots.Release();
            }

            worker.TryPost(new ActivityDone(epoch, result));
        }, CancellationToken.None);
    }

    private async Task<HistoryEvent> InvokeActivityAsync(string instanceId, int taskId, string name, string? input)
    {
        if (!Registry.TryGetActivity(name, out Type? type))
        {
            return new TaskFailed(taskId, new TaskFailureDetails(typeof(InvalidOperationException).FullName!, $"No activity named '{name}' is registered in this host."));
        }

        try
        {
            await using AsyncServiceScope scope = Services.CreateAsyncScope();
            IActivity activity = (IActivity)ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);
            object? argument = DurableJson.Deserialize(input, activity.InputType);
            object? output = await activity.RunAsync(new ActivityContext(name, instanceId), argument, _stopping).ConfigureAwait(false);
            return new TaskCompleted(taskId, DurableJson.Serialize(output));
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogActivityFailed(Logger, ex, name, instanceId);
            return new TaskFailed(taskId, TaskFailureDetails.FromException(ex));
        }
    }

    /// <summary>Creates a child instance after the parent's history durably records it.</summary>
    internal async Task StartChildAsync(InstanceWorker parentWorker, InstanceState parent, PendingAction child, int epoch, CancellationToken cancellationToken)
    {
        ParentInstance link = new(parent.InstanceId, parent.Started.ExecutionId, child.Id);
        try
        {
            if (!Registry.TryGetOrchestrator(child.Name, out _))
            {
                throw new ArgumentException($"No orchestrator named '{child.Name}' is registered in this host.");
            }

            await CreateInstanceAsync(child.SubInstanceId!, child.Name, child.Input, null, link, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or OrchestrationAlreadyExistsException)
        {
            parentWorker.TryPost(new ActivityDone(epoch, new SubOrchestrationInstanceFailed(child.Id, TaskFailureDetails.FromException(ex))));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        try
        {
            await Store.InitializeAsync(stoppingToken).ConfigureAwait(false);
            _initialized.TrySetResult();
        }
        catch (Exception ex)
        {
            _initialized.TrySetException(ex);
            throw;
        }

        while (Options.RunWorker && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPollFailed(Logger, ex);
            }

            try
            {
                await Task.Delay(Options.PollInterval, SystemTime, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(_workers.Values.Select(w => w.Run)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        DateTime now = Now;
        HashSet<string> withMail = new(StringComparer.Ordinal);
        await foreach (string blob in Store.ListInboxAsync(null, stoppingToken).ConfigureAwait(false))
        {
            withMail.Add(BlobNames.InstanceIdFromInboxBlob(blob));
        }

        HashSet<string> candidates = new(withMail, StringComparer.Ordinal);
        await foreach (string instanceId in Store.FindDueAsync(now, stoppingToken).ConfigureAwait(false))
        {
            candidates.Add(instanceId);
        }

        foreach (string instanceId in candidates)
        {
            if (_workers.ContainsKey(instanceId))
            {
                // A loaded instance keeps its own timers; it only needs telling about mail.
                if (withMail.Contains(instanceId))
                {
                    Post(instanceId, new CheckInbox());
                }
            }
            else if (!_skipUntil.TryGetValue(instanceId, out DateTime until) || until <= now)
            {
                _skipUntil.TryRemove(instanceId, out _);
                Post(instanceId, new CheckInbox());
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {ActivityName} of instance {InstanceId} failed.")]
    private static partial void LogActivityFailed(ILogger logger, Exception exception, string activityName, string instanceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Polling the task hub failed; trying again.")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
