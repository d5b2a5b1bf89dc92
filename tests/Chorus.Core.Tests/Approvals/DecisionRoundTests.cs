using Chorus.Approvals;
using Chorus.Core.Tests.Durable;
using Microsoft.DurableTask;
using NSubstitute;

namespace Chorus.Core.Tests.Approvals;

public sealed class DecisionRoundTests
{
    private static readonly DateTime Start = OrchestrationHarness.Start;

    // Remind after 1 h, escalate 2 h later, expire 3 h after that.
    private static readonly DecisionRoundTimes Times = DecisionRoundTimes.From(Start, TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3));

    private readonly OrchestrationHarness _harness = new();
    private readonly List<ApprovalDecision> _offered = [];
    private readonly List<DecisionPhase> _phases = [];

    [Fact]
    public void Each_time_is_counted_from_the_one_before()
    {
        Assert.Equal(Start.AddHours(1), Times.RemindAt);
        Assert.Equal(Start.AddHours(3), Times.EscalateAt);
        Assert.Equal(Start.AddHours(6), Times.ExpireAt);
    }

    [Fact]
    public void A_decision_before_the_reminder_ends_the_round_without_a_reminder()
    {
        Task<bool> round = RunRound(_ => true);
        ScheduledTimer reminder = Assert.Single(_harness.Timers);
        Assert.Equal(Times.RemindAt, reminder.Due);
        Assert.Equal(ApprovalDecision.EventName, _harness.LiveWait.EventName);

        _harness.Decide(Decision("alice@example.org"));

        Assert.True(OrchestrationHarness.Result(round));
        Assert.Empty(_phases);
        Assert.Equal("alice@example.org", Assert.Single(_offered).Approver);
        Assert.True(reminder.Task.IsCanceled, "The reminder timer is cancelled once the round is decided.");
        Assert.Single(_harness.Timers);
    }

    [Fact]
    public void A_decision_after_the_reminder_ends_the_round()
    {
        Task<bool> round = RunRound(_ => true);

        _harness.FireTimer();

        Assert.Equal([DecisionPhase.Reminder], _phases);
        Assert.False(round.IsCompleted);
        Assert.Equal(Times.EscalateAt, _harness.LiveTimer.Due);

        _harness.Decide(Decision("alice@example.org"));

        Assert.True(OrchestrationHarness.Result(round));
        Assert.Equal([DecisionPhase.Reminder], _phases);
    }

    [Fact]
    public void After_the_reminder_the_round_escalates_and_then_waits_until_it_expires()
    {
        Task<bool> round = RunRound(_ => true);

        _harness.FireTimer();
        _harness.FireTimer();

        Assert.Equal([DecisionPhase.Reminder, DecisionPhase.Escalation], _phases);
        Assert.False(round.IsCompleted);
        Assert.Equal(Times.ExpireAt, _harness.LiveTimer.Due);

        _harness.Decide(Decision("backup@example.org"));

        Assert.True(OrchestrationHarness.Result(round));
        Assert.Equal([DecisionPhase.Reminder, DecisionPhase.Escalation], _phases);
    }

    [Fact]
    public void A_round_nobody_decides_expires_and_stops_waiting_for_decisions()
    {
        Task<bool> round = RunRound(_ => true);

        _harness.FireTimer();
        _harness.FireTimer();
        _harness.FireTimer();

        Assert.False(OrchestrationHarness.Result(round));
        Assert.Equal([DecisionPhase.Reminder, DecisionPhase.Escalation], _phases);
        Assert.Equal([Times.RemindAt, Times.EscalateAt, Times.ExpireAt], _harness.Timers.Select(timer => timer.Due));
        Assert.Empty(_offered);
        Assert.True(Assert.Single(_harness.Waits).Task.IsCanceled, "The decision wait is cancelled when the round expires.");
    }

    [Fact]
    public void A_reminder_timer_that_fires_early_is_waited_out_with_a_new_timer_for_the_same_time()
    {
        Task<bool> round = RunRound(_ => true);

        _harness.FireTimerEarly(TimeSpan.FromSeconds(2));

        Assert.Empty(_phases);
        Assert.Equal(2, _harness.Timers.Count);
        Assert.Equal(Times.RemindAt, _harness.LiveTimer.Due);
        Assert.False(round.IsCompleted);

        _harness.FireTimer();

        Assert.Equal([DecisionPhase.Reminder], _phases);
        Assert.Equal(Times.EscalateAt, _harness.LiveTimer.Due);
    }

    [Fact]
    public void An_expiry_timer_that_fires_early_does_not_end_the_round()
    {
        Task<bool> round = RunRound(_ => true);
        _harness.FireTimer();
        _harness.FireTimer();

        _harness.FireTimerEarly(TimeSpan.FromMilliseconds(1));

        Assert.False(round.IsCompleted);
        Assert.Equal(Times.ExpireAt, _harness.LiveTimer.Due);
        Assert.Equal(4, _harness.Timers.Count);

        _harness.Decide(Decision("alice@example.org"));

        Assert.True(OrchestrationHarness.Result(round));
    }

    [Fact]
    public void One_decision_wait_lives_across_every_timer()
    {
        Task<bool> round = RunRound(_ => true);
        _harness.FireTimerEarly(TimeSpan.FromMinutes(1));
        _harness.FireTimer();
        _harness.FireTimer();

        _harness.Decide(Decision("alice@example.org"));

        Assert.True(OrchestrationHarness.Result(round));
        Assert.Equal(4, _harness.Timers.Count);
        _harness.Context.Received(1).WaitForExternalEvent<ApprovalDecision>(ApprovalDecision.EventName, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void A_decision_the_round_does_not_take_leads_to_a_new_wait_in_the_same_phase()
    {
        Task<bool> round = RunRound(decision => decision.Approver == "alice@example.org");
        ScheduledTimer first = _harness.LiveTimer;

        _harness.Decide(Decision("mallory@example.org"));

        Assert.False(round.IsCompleted);
        Assert.True(first.Task.IsCanceled, "The timer that lost the race is cancelled.");
        Assert.Equal(Times.RemindAt, _harness.LiveTimer.Due);
        Assert.Equal(2, _harness.Waits.Count);
        Assert.Empty(_phases);

        _harness.Decide(Decision("alice@example.org"));

        Assert.True(OrchestrationHarness.Result(round));
        Assert.Equal(["mallory@example.org", "alice@example.org"], _offered.Select(d => d.Approver));
        _harness.Context.Received(2).WaitForExternalEvent<ApprovalDecision>(ApprovalDecision.EventName, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void The_next_timer_is_set_only_once_the_reminder_has_been_sent()
    {
        TaskCompletionSource sending = new();
        Task<bool> round = _harness.Run(context => DecisionRound.RunAsync(context, Times, _ => true, phase =>
        {
            _phases.Add(phase);
            return sending.Task;
        }));

        _harness.FireTimer();

        Assert.Equal([DecisionPhase.Reminder], _phases);
        Assert.Single(_harness.Timers);

        OrchestrationHarness.Step(sending.SetResult);

        Assert.Equal(Times.EscalateAt, _harness.LiveTimer.Due);
        Assert.False(round.IsCompleted);
    }

    [Fact]
    public async Task Every_argument_is_required()
    {
        TaskOrchestrationContext context = _harness.Context;
        await Assert.ThrowsAsync<ArgumentNullException>("context", () => DecisionRound.RunAsync(null!, Times, _ => true, _ => Task.CompletedTask));
        await Assert.ThrowsAsync<ArgumentNullException>("times", () => DecisionRound.RunAsync(context, null!, _ => true, _ => Task.CompletedTask));
        await Assert.ThrowsAsync<ArgumentNullException>("take", () => DecisionRound.RunAsync(context, Times, null!, _ => Task.CompletedTask));
        await Assert.ThrowsAsync<ArgumentNullException>("onPhase", () => DecisionRound.RunAsync(context, Times, _ => true, null!));
        Assert.Empty(_harness.Waits);
    }

    private static ApprovalDecision Decision(string approver) =>
        new(1, approver, ApprovalDecision.Approve, null, new DateTimeOffset(Start, TimeSpan.Zero));

    private Task<bool> RunRound(Func<ApprovalDecision, bool> take) =>
        _harness.Run(context => DecisionRound.RunAsync(
            context,
            Times,
            decision =>
            {
                _offered.Add(decision);
                return take(decision);
            },
            phase =>
            {
                _phases.Add(phase);
                return Task.CompletedTask;
            }));
}
