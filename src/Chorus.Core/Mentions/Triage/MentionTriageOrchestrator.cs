using Chorus.Approvals;
using Microsoft.DurableTask;

namespace Chorus.Mentions.Triage;

/// <summary>
/// Triage of a flagged mention: record it, email the responsible team Respond / Escalate / Dismiss links, remind,
/// escalate to backups, expire; the first answer from the team decides. Mentions that need nobody never start one
/// of these: the intake records them directly (see <see cref="MentionRecorder"/>).
/// </summary>
public sealed class MentionTriageOrchestrator : TaskOrchestrator<MentionTriageInput, MentionOutcome>
{
    /// <inheritdoc/>
    public override async Task<MentionOutcome> RunAsync(TaskOrchestrationContext context, MentionTriageInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        TriageTeam team = input.Classification.Team ?? throw new InvalidOperationException("A flagged mention reached triage without a team.");
        TriageTimings timings = await context.CallRecordMentionAsync(input);
        DecisionRoundTimes times = DecisionRoundTimes.From(context.CurrentUtcDateTime, timings.ReminderAfter, timings.EscalateAfter, timings.ExpireAfter);
        context.SetCustomStatus(new MentionProgress("awaiting", team.Name, "requested"));
        await context.CallRequestMentionDecisionAsync(new MentionDecisionRequest(input, MentionRequestKind.Request, team.Recipients, times.ExpireAt));

        HashSet<string> eligible = new(team.Recipients, StringComparer.OrdinalIgnoreCase);
        ApprovalDecision? decision = null;
        bool Take(ApprovalDecision candidate)
        {
            if (!eligible.Contains(candidate.Approver) || !MentionActions.All.Contains(candidate.Action))
            {
                return false;
            }

            decision = candidate;
            return true;
        }

        async Task OnPhase(DecisionPhase phase)
        {
            if (phase == DecisionPhase.Reminder)
            {
                context.SetCustomStatus(new MentionProgress("awaiting", team.Name, "reminded"));
                await context.CallRequestMentionDecisionAsync(new MentionDecisionRequest(input, MentionRequestKind.Reminder, team.Recipients, times.ExpireAt));
                return;
            }

            eligible.UnionWith(team.Backups);
            context.SetCustomStatus(new MentionProgress("awaiting", team.Name, "escalated"));
            if (team.Backups.Count > 0)
            {
                await context.CallRequestMentionDecisionAsync(new MentionDecisionRequest(input, MentionRequestKind.Escalation, team.Backups, times.ExpireAt));
            }
        }

        bool decided = await DecisionRound.RunAsync(context, times, Take, OnPhase);
        MentionOutcome outcome = decided
            ? new MentionOutcome(decision!.Action, decision, context.CurrentUtcDateTime)
            : new MentionOutcome("expired", null, context.CurrentUtcDateTime);
        await context.CallConcludeMentionAsync(new ConcludeMentionInput(input, outcome));
        context.SetCustomStatus(new MentionProgress(outcome.Status, team.Name));
        return outcome;
    }
}
