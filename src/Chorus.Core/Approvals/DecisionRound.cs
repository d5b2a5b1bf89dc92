using Microsoft.DurableTask;

namespace Chorus.Approvals;

/// <summary>When a round of decisions is reminded, escalated and given up.</summary>
public sealed record DecisionRoundTimes(DateTime RemindAt, DateTime EscalateAt, DateTime ExpireAt)
{
    /// <summary>Times counted from <paramref name="start"/>, each step after the previous one.</summary>
    public static DecisionRoundTimes From(DateTime start, TimeSpan reminderAfter, TimeSpan escalateAfter, TimeSpan expireAfter)
        => new(start + reminderAfter, start + reminderAfter + escalateAfter, start + reminderAfter + escalateAfter + expireAfter);
}

/// <summary>The timer that came due in a round.</summary>
public enum DecisionPhase
{
    /// <summary>Time to remind those who have not answered.</summary>
    Reminder,

    /// <summary>Time to ask the backups too.</summary>
    Escalation,
}

/// <summary>
/// Waits for "decision" events for one round (a post's stage, a flagged mention), the way both flows need it: ONE
/// live event wait is raced against the reminder, escalation and expiry timers in turn, and only replaced once it
/// has delivered, so no decision can be swallowed by a wait that timed out (Durable's #3255).
/// Orchestrator code: deterministic, all time from the context.
/// </summary>
public static class DecisionRound
{
    /// <summary>Runs the round.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="times">When to remind, escalate and give up.</param>
    /// <param name="take">Takes a decision in; returns true when the round is decided by it.</param>
    /// <param name="onPhase">Sends the reminder or the escalation.</param>
    /// <returns>True when decided, false when the round expired.</returns>
    public static async Task<bool> RunAsync(TaskOrchestrationContext context, DecisionRoundTimes times, Func<ApprovalDecision, bool> take, Func<DecisionPhase, Task> onPhase)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(take);
        ArgumentNullException.ThrowIfNull(onPhase);
        using CancellationTokenSource waitCts = new();
        Task<ApprovalDecision> next = context.WaitForExternalEvent<ApprovalDecision>(ApprovalDecision.EventName, waitCts.Token);

        // Three phases (reminder, escalation, expiry); decisions come only through single-use links, so the loop and
        // the history stay bounded by the number of approvers.
        int phase = 0;
        while (phase < 3)
        {
            DateTime due = phase switch { 0 => times.RemindAt, 1 => times.EscalateAt, _ => times.ExpireAt };
            using CancellationTokenSource timerCts = new();
            Task timer = context.CreateTimer(due, timerCts.Token);
            if (await Task.WhenAny(next, timer) == next)
            {
                timerCts.Cancel();
                if (take(await next))
                {
                    waitCts.Cancel();
                    return true;
                }

                next = context.WaitForExternalEvent<ApprovalDecision>(ApprovalDecision.EventName, waitCts.Token);
                continue;
            }

            // A timer message can be delivered a little before its time by the queue's clock; the turn's own clock
            // decides, so a reminder or an expiry never comes early: wait out the rest on the same live event wait.
            if (context.CurrentUtcDateTime < due)
            {
                continue;
            }

            if (phase < 2)
            {
                await onPhase(phase == 0 ? DecisionPhase.Reminder : DecisionPhase.Escalation);
            }

            phase++;
        }

        waitCts.Cancel();
        return false;
    }
}
