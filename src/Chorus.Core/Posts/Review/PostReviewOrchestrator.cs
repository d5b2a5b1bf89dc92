using Chorus.Approvals;
using Chorus.Orchestration;
using Chorus.Posts.Policy;
using Chorus.Sentiment;

namespace Chorus.Posts.Review;

/// <summary>
/// Reviews one staff post: score it, check it, route it, and when people must decide, ask each stage's approvers by
/// email, remind, escalate to backups, and expire. One live wait for decisions races successive timers, so a
/// decision is never lost to a timed-out wait.
/// </summary>
public sealed class PostReviewOrchestrator : Orchestrator<PostSubmission, PostOutcome>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

    public override async Task<PostOutcome> RunAsync(OrchestrationContext context, PostSubmission post)
    {
        context.SetCustomStatus(new PostProgress(PostStatus.Submitted));
        DocumentSentiment? sentiment = await context.CallActivityAsync<DocumentSentiment?>(nameof(ScorePostActivity), post, Retry);
        PolicyReport report = await context.CallActivityAsync<PolicyReport>(nameof(CheckPostActivity), new CheckPostInput(post, sentiment), Retry);
        ReviewPlan plan = await context.CallActivityAsync<ReviewPlan>(nameof(PlanReviewActivity), new PlanReviewInput(post, report, sentiment), Retry);

        PostOutcome outcome = plan.Route switch
        {
            ReviewRoute.AutoApprove => new PostOutcome(PostStatus.Approved, "Approved automatically: nothing in the post needed a person to look at it.", [], context.CurrentUtcDateTime),
            ReviewRoute.AutoReject => new PostOutcome(PostStatus.Rejected, RejectionReason(report), [], context.CurrentUtcDateTime),
            _ => await ReviewAsync(context, post, plan),
        };

        await context.CallActivityAsync<bool>(nameof(ConcludePostActivity), new ConcludePostInput(post, outcome), Retry);
        context.SetCustomStatus(new PostProgress(outcome.Status));
        return outcome;
    }

    private static async Task<PostOutcome> ReviewAsync(OrchestrationContext context, PostSubmission post, ReviewPlan plan)
    {
        List<ApprovalDecision> all = [];
        foreach (ReviewStage stage in plan.Stages)
        {
            DecisionRoundTimes times = DecisionRoundTimes.From(context.CurrentUtcDateTime, plan.ReminderAfter, plan.EscalateAfter, plan.ExpireAfter);
            context.SetCustomStatus(new PostProgress(PostStatus.AwaitingApproval, stage.Number, stage.Name, "requested"));
            await context.CallActivityAsync<bool>(nameof(RequestApprovalActivity), new ApprovalRequest(post, stage, ApprovalRequestKind.Request, stage.Approvers, times.ExpireAt), Retry);

            (PostStatus? result, List<ApprovalDecision> decisions) = await DecideStageAsync(context, post, stage, times);
            all.AddRange(decisions);
            if (result == PostStatus.Rejected)
            {
                return new PostOutcome(PostStatus.Rejected, $"Rejected at the {stage.Name} stage.", all, context.CurrentUtcDateTime);
            }

            if (result == PostStatus.Expired)
            {
                return new PostOutcome(PostStatus.Expired, $"Nobody decided at the {stage.Name} stage in time, so the post expired. Submit it again if it is still needed.", all, context.CurrentUtcDateTime);
            }
        }

        return new PostOutcome(PostStatus.Approved, "Approved by the reviewers.", all, context.CurrentUtcDateTime);
    }

    private static async Task<(PostStatus? Result, List<ApprovalDecision> Decisions)> DecideStageAsync(
        OrchestrationContext context, PostSubmission post, ReviewStage stage, DecisionRoundTimes times)
    {
        List<ApprovalDecision> decisions = [];
        HashSet<string> eligible = new(stage.Approvers, StringComparer.OrdinalIgnoreCase);
        PostStatus? result = null;
        bool Take(ApprovalDecision decision)
        {
            if (decision.Stage != stage.Number || !eligible.Contains(decision.Approver)
                || decisions.Any(d => string.Equals(d.Approver, decision.Approver, StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }

            decisions.Add(decision);
            result = Evaluate(stage, decisions);
            return result is not null;
        }

        async Task OnPhase(DecisionPhase phase)
        {
            if (phase == DecisionPhase.Reminder)
            {
                List<string> waitingOn = stage.Approvers.Where(a => !decisions.Any(d => string.Equals(d.Approver, a, StringComparison.OrdinalIgnoreCase))).ToList();
                context.SetCustomStatus(new PostProgress(PostStatus.AwaitingApproval, stage.Number, stage.Name, "reminded"));
                await context.CallActivityAsync<bool>(nameof(RequestApprovalActivity), new ApprovalRequest(post, stage, ApprovalRequestKind.Reminder, waitingOn, times.ExpireAt), Retry);
                return;
            }

            eligible.UnionWith(stage.Backups);
            context.SetCustomStatus(new PostProgress(PostStatus.AwaitingApproval, stage.Number, stage.Name, "escalated"));
            if (stage.Backups.Count > 0)
            {
                await context.CallActivityAsync<bool>(nameof(RequestApprovalActivity), new ApprovalRequest(post, stage, ApprovalRequestKind.Escalation, stage.Backups, times.ExpireAt), Retry);
            }
        }

        bool decided = await DecisionRound.RunAsync(context, times, Take, OnPhase);
        return (decided ? result : PostStatus.Expired, decisions);
    }

    /// <summary>The stage's result so far, or null while it still waits.</summary>
    private static PostStatus? Evaluate(ReviewStage stage, List<ApprovalDecision> decisions)
    {
        if (decisions.Any(d => d.Action == ApprovalDecision.Reject))
        {
            return PostStatus.Rejected;
        }

        return stage.Mode == ApprovalMode.FirstResponse || stage.Approvers.All(a => decisions.Any(d => string.Equals(d.Approver, a, StringComparison.OrdinalIgnoreCase)))
            ? PostStatus.Approved
            : null;
    }

    private static string RejectionReason(PolicyReport report)
    {
        List<string> reasons = report.Findings.Where(f => f.Severity == FindingSeverity.Block).Select(f => f.Explanation).ToList();
        return reasons.Count > 0
            ? "Rejected automatically: " + string.Join(" ", reasons)
            : "Rejected automatically: the post needs a review, but no approval stage is configured for its team and channels.";
    }
}
