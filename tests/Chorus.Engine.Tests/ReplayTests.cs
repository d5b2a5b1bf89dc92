using Chorus.Engine.History;
using Chorus.Engine.Replay;
using Chorus.Engine.TestWorker.Orchestrations;
using Chorus.Orchestration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chorus.Engine.Tests;

/// <summary>The replay model itself, turn by turn, without storage.</summary>
public sealed class ReplayTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Each_turn_replays_to_the_same_actions_and_takes_only_the_new_ones()
    {
        List<HistoryEvent> history = [];
        ExecutionStarted start = new(nameof(SequenceOrchestrator), DurableJson.Serialize(new SequenceInput(3)), "e1", T0);

        TurnResult first = Turn(new SequenceOrchestrator(), history, [start], T0);
        Assert.Equal([0], first.NewActions.Select(a => a.Id));
        history.AddRange(first.NewEvents);

        TurnResult second = Turn(new SequenceOrchestrator(), history, [new TaskCompleted(0, "1")], T0.AddSeconds(1));
        Assert.Equal([1], second.NewActions.Select(a => a.Id));
        Assert.Equal("EchoActivity", second.NewActions[0].Name);
        Assert.Equal("2", second.NewActions[0].Input);
        history.AddRange(second.NewEvents);

        TurnResult again = Turn(new SequenceOrchestrator(), history[..^second.NewEvents.Count], [new TaskCompleted(0, "1")], T0.AddSeconds(1));
        Assert.Equal(second.NewEvents.Select(e => e.GetType()), again.NewEvents.Select(e => e.GetType()));

        history.AddRange(Turn(new SequenceOrchestrator(), history, [new TaskCompleted(1, "2")], T0.AddSeconds(2)).NewEvents);
        TurnResult last = Turn(new SequenceOrchestrator(), history, [new TaskCompleted(2, "3")], T0.AddSeconds(3));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, last.Completion!.Status);
        Assert.Equal("6", last.Completion.Result);
        Assert.Empty(last.NewActions);
    }

    [Fact]
    public void Current_time_and_is_replaying_come_from_history()
    {
        ProbeOrchestrator probe = new();
        List<HistoryEvent> history = [.. Turn(probe, [], [new ExecutionStarted("Probe", null, "e1", T0)], T0).NewEvents];
        history.AddRange(Turn(new ProbeOrchestrator(), history, [new TimerFired(0, T0.AddMinutes(5))], T0.AddMinutes(5)).NewEvents);

        ProbeOrchestrator replayed = new();
        TurnResult last = Turn(replayed, history, [new TimerFired(1, T0.AddMinutes(10))], T0.AddMinutes(10));

        Assert.Equal([(T0, true), (T0.AddMinutes(5), true), (T0.AddMinutes(10), false)], replayed.Seen);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, last.Completion!.Status);
    }

    [Fact]
    public void A_changed_orchestrator_fails_with_an_error_naming_both_actions()
    {
        List<HistoryEvent> history =
        [
            new OrchestratorStarted(T0),
            new ExecutionStarted(nameof(SequenceOrchestrator), DurableJson.Serialize(new SequenceInput(2)), "e1", T0),
            new TaskScheduled("SomeOtherActivity", "1") { TaskId = 0 },
        ];

        TurnResult result = Turn(new SequenceOrchestrator(), history, [new TaskCompleted(0, "1")], T0.AddSeconds(1));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.Completion!.Status);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.Completion.Failure!.ErrorType);
        Assert.Contains("activity 'SomeOtherActivity' as task #0", result.Completion.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("activity 'EchoActivity'", result.Completion.Failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void History_with_an_action_the_code_no_longer_takes_is_non_deterministic()
    {
        List<HistoryEvent> history =
        [
            new OrchestratorStarted(T0),
            new ExecutionStarted(nameof(WaitForEventOrchestrator), "\"go\"", "e1", T0),
            new TimerCreated(T0.AddHours(1)) { TaskId = 0 },
        ];

        TurnResult result = Turn(new WaitForEventOrchestrator(), history, [new EventRaised("go", "\"x\"", "m1")], T0.AddSeconds(1));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.Completion!.Status);
        Assert.Contains("did not schedule task #0", result.Completion.Failure!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Guids_are_the_same_on_every_replay()
    {
        List<HistoryEvent> history = [.. Turn(new GuidOrchestrator(), [], [new ExecutionStarted(nameof(GuidOrchestrator), "1", "e1", T0)], T0).NewEvents];
        history.AddRange(Turn(new GuidOrchestrator(), history, [new TaskCompleted(0, "1")], T0.AddSeconds(1)).NewEvents);
        TurnResult first = Turn(new GuidOrchestrator(), history, [new TaskCompleted(1, "1")], T0.AddSeconds(2));
        TurnResult second = Turn(new GuidOrchestrator(), history, [new TaskCompleted(1, "1")], T0.AddSeconds(2));

        Assert.Equal(first.Completion!.Result, second.Completion!.Result);
        Assert.Equal(3, DurableJson.Deserialize<string[]>(first.Completion.Result)!.Distinct().Count());
    }

    [Fact]
    public void A_cancelled_event_wait_leaves_the_event_for_the_next_waiter()
    {
        List<HistoryEvent> history = [.. Turn(new TimeoutThenWaitOrchestrator(), [], [new ExecutionStarted(nameof(TimeoutThenWaitOrchestrator), "60", "e1", T0)], T0).NewEvents];
        TurnResult timedOut = Turn(new TimeoutThenWaitOrchestrator(), history, [new TimerFired(0, T0.AddMinutes(1))], T0.AddMinutes(1));
        Assert.Null(timedOut.Completion);
        history.AddRange(timedOut.NewEvents);

        TurnResult done = Turn(new TimeoutThenWaitOrchestrator(), history, [new EventRaised("ANSWER", "\"late\"", "m1")], T0.AddMinutes(2));

        Assert.Equal("\"timed out; then late\"", done.Completion!.Result);
    }

    [Fact]
    public void Unprocessed_events_are_carried_into_continue_as_new()
    {
        List<HistoryEvent> history = [.. Turn(new CounterOrchestrator(), [], [new ExecutionStarted(nameof(CounterOrchestrator), DurableJson.Serialize(new CounterState(10)), "e1", T0)], T0).NewEvents];

        TurnResult result = Turn(new CounterOrchestrator(), history, [new EventRaised("add", "3", "m1"), new EventRaised("add", "4", "m2")], T0.AddSeconds(1));

        Assert.Equal(OrchestrationRuntimeStatus.ContinuedAsNew, result.Completion!.Status);
        Assert.Equal(3, DurableJson.Deserialize<CounterState>(result.ContinueAsNew!.Value.Input)!.Total);
        Assert.Equal("4", Assert.Single(result.ContinueAsNew.Value.CarriedEvents).Input);
    }

    private static TurnResult Turn(IOrchestrator orchestrator, IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> inbound, DateTime now)
        => TurnRunner.Run(orchestrator, "instance-1", past, inbound, now, NullLoggerFactory.Instance);

    private sealed class ProbeOrchestrator : Orchestrator<object?, int>
    {
        public List<(DateTime, bool)> Seen { get; } = [];

        public override async Task<int> RunAsync(OrchestrationContext context, object? input)
        {
            Seen.Add((context.CurrentUtcDateTime, context.IsReplaying));
            await context.CreateTimer(TimeSpan.FromMinutes(5), CancellationToken.None);
            Seen.Add((context.CurrentUtcDateTime, context.IsReplaying));
            await context.CreateTimer(TimeSpan.FromMinutes(5), CancellationToken.None);
            Seen.Add((context.CurrentUtcDateTime, context.IsReplaying));
            return 0;
        }
    }
}
