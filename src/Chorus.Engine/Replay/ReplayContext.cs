using System.Globalization;
using Chorus.Orchestration;
using Microsoft.Extensions.Logging;

namespace Chorus.Engine.Replay;

/// <summary>
/// The embedded engine's <see cref="OrchestrationContext"/>: it records what the orchestrator asks for and completes
/// the matching tasks as <see cref="TurnRunner"/> feeds it history. It does no I/O of its own.
/// </summary>
internal sealed class ReplayContext : OrchestrationContext
{
    // Durable's limit: 16 KB of UTF-16 text.
    internal const int MaxCustomStatusChars = 16 * 1024 / 2;

    private readonly string? _serializedInput;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Dictionary<int, PendingAction> _actions = [];
    private readonly Dictionary<string, LinkedList<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly LinkedList<(string Name, string? Input)> _bufferedEvents = new();
    private int _nextTaskId;
    private int _guidCounter;

    public ReplayContext(string name, string instanceId, string? serializedInput, ILoggerFactory loggerFactory)
    {
        Name = name;
        InstanceId = instanceId;
        _serializedInput = serializedInput;
        _loggerFactory = loggerFactory;
    }

    public override string Name { get; }

    public override string InstanceId { get; }

    public override DateTime CurrentUtcDateTime => CurrentTime;

    public override bool IsReplaying => Replaying;

    internal DateTime CurrentTime { get; set; }

    internal bool Replaying { get; set; }

    internal IReadOnlyDictionary<int, PendingAction> Actions => _actions;

    internal bool CustomStatusSet { get; private set; }

    internal string? SerializedCustomStatus { get; private set; }

    internal (string? Input, bool PreserveUnprocessedEvents)? ContinueAsNewRequest { get; private set; }

    internal IEnumerable<(string Name, string? Input)> UnprocessedEvents => _bufferedEvents;

    public override T? GetInput<T>() where T : default => DurableJson.Deserialize<T>(_serializedInput);

    public override async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string? serializedInput = DurableJson.Serialize(input);
        string? result = await WithRetry(options?.Retry, () => Schedule(new PendingAction(_nextTaskId, ActionKind.Activity, name) { Input = serializedInput }));
        return DurableJson.Deserialize<TResult>(result)!;
    }

    public override async Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        string? serializedInput = DurableJson.Serialize(input);
        string instanceId = (options as SubOrchestrationOptions)?.InstanceId ?? NewGuid().ToString("N");
        string? result = await WithRetry(options?.Retry, () => Schedule(new PendingAction(_nextTaskId, ActionKind.SubOrchestration, orchestratorName) { Input = serializedInput, SubInstanceId = instanceId }));
        return DurableJson.Deserialize<TResult>(result)!;
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        DateTime utc = fireAt.Kind switch
        {
            DateTimeKind.Local => fireAt.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(fireAt, DateTimeKind.Utc),
            _ => fireAt,
        };
        PendingAction timer = new(_nextTaskId, ActionKind.Timer, "timer") { FireAt = utc };
        Task task = Schedule(timer);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => timer.Cancel(cancellationToken));
        }

        return task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        for (LinkedListNode<(string Name, string? Input)>? node = _bufferedEvents.First; node is not null; node = node.Next)
        {
            if (string.Equals(node.Value.Name, eventName, StringComparison.OrdinalIgnoreCase))
            {
                _bufferedEvents.Remove(node);
                return Task.FromResult(DurableJson.Deserialize<T>(node.Value.Input)!);
            }
        }

        EventWaiter<T> waiter = new();
        if (!_waiters.TryGetValue(eventName, out LinkedList<EventWaiter>? queue))
        {
            queue = new LinkedList<EventWaiter>();
            _waiters[eventName] = queue;
        }

        LinkedListNode<EventWaiter> waiting = queue.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            // Unlike Durable (azure-functions-durable-extension #3255), a cancelled wait leaves the queue, so it
            // cannot swallow a later event of the same name.
            cancellationToken.Register(() =>
            {
                if (waiting.List is not null)
                {
                    queue.Remove(waiting);
                }

                waiter.Cancel(cancellationToken);
            });
        }

        return waiter.Task;
    }

    public override void SetCustomStatus(object? customStatus)
    {
        string? serialized = DurableJson.Serialize(customStatus);
        if (serialized is { Length: > MaxCustomStatusChars })
        {
            throw new ArgumentException($"The custom status is {serialized.Length:N0} characters once serialized; the limit is {MaxCustomStatusChars:N0} (16 KB of UTF-16).", nameof(customStatus));
        }

        SerializedCustomStatus = serialized;
        CustomStatusSet = true;
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
        => ContinueAsNewRequest = (DurableJson.Serialize(newInput), preserveUnprocessedEvents);

    public override Guid NewGuid()
        => DeterministicGuid.Create(string.Create(CultureInfo.InvariantCulture, $"{InstanceId}_{CurrentTime:O}_{_guidCounter++}"));

    public override ILogger CreateReplaySafeLogger(string categoryName)
        => new ReplaySafeLogger(_loggerFactory.CreateLogger(categoryName), () => Replaying);

    /// <summary>Delivers an external event to the oldest live waiter of that name, or buffers it.</summary>
    internal void DeliverEvent(string name, string? input)
    {
        if (_waiters.TryGetValue(name, out LinkedList<EventWaiter>? queue) && queue.First is { } first)
        {
            queue.RemoveFirst();
            first.Value.Deliver(input);
            return;
        }

        _bufferedEvents.AddLast((name, input));
    }

    private Task<string?> Schedule(PendingAction action)
    {
        _nextTaskId++;
        _actions.Add(action.Id, action);
        return action.Task;
    }

    private async Task<string?> WithRetry(RetryPolicy? policy, Func<Task<string?>> attempt)
    {
        if (policy is null)
        {
            return await attempt();
        }

        DateTime firstAttemptAt = CurrentTime;
        for (int attemptNumber = 0; ; attemptNumber++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failure)
            {
                TimeSpan? delay = policy.NextDelay(attemptNumber, firstAttemptAt, CurrentTime, failure.FailureDetails);
                if (delay is null)
                {
                    throw;
                }

                await CreateTimer(CurrentTime.Add(delay.Value), CancellationToken.None);
            }
        }
    }

    private abstract class EventWaiter
    {
        public abstract void Deliver(string? input);
    }

    private sealed class EventWaiter<T> : EventWaiter
    {
        private readonly TaskCompletionSource<T> _completion = new();

        public Task<T> Task => _completion.Task;

        public override void Deliver(string? input)
        {
            try
            {
                _completion.TrySetResult(DurableJson.Deserialize<T>(input)!);
            }
            catch (System.Text.Json.JsonException ex)
            {
                _completion.TrySetException(new InvalidOperationException($"The event payload could not be read as {typeof(T).Name}: {ex.Message}", ex));
            }
        }

        public void Cancel(CancellationToken token) => _completion.TrySetCanceled(token);
    }
}
