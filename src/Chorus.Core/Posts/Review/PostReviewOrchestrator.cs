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
            DateTime remindAt = context.CurrentUtcDateTime + plan.ReminderAfter;
            DateTime escalateAt = remindAt + plan.EscalateAfter;
            DateTime expireAt = escalateAt + plan.ExpireAfter;
            context.SetCustomStatus(new PostProgress(PostStatus.AwaitingApproval, stage.Number, stage.Name, "requested"));
            await context.CallActivityAsync<bool>(nameof(RequestApprovalActivity), new ApprovalRequest(post, stage, ApprovalRequestKind.Request, stage.Approvers, expireAt), Retry);

            (PostStatus? result, List<ApprovalDecision> decisions) = await DecideStageAsync(context, post, stage, remindAt, escalateAt, expireAt);
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
        OrchestrationContext context, PostSubmission post, ReviewStage stage, DateTime remindAt, DateTime escalateAt, DateTime expireAt)
    {
        List<ApprovalDecision> decisions = [];
        HashSet<string> eligible = new(stage.Approvers, StringComparer.OrdinalIgnoreCase);
        int phase = 0;
        using CancellationTokenSource waitCts = new();
        Task<ApprovalDecision> next = context.WaitForExternalEvent<ApprovalDecision>(ApprovalDecision.EventName, waitCts.Token);
        while (true)
        {
            DateTime due = phase switch { 0 => remindAt, 1 => escalateAt, _ => expireAt };
            using CancellationTokenSource timerCts = new();
            Task timer = context.CreateTimer(due, timerCts.Token);
            if (await Task.WhenAny(next, timer) == next)
            {
                timerCts.Cancel();
                ApprovalDecision decision = await next;
                if (decision.Stage == stage.Number && eligible.Contains(decision.Approver)
                    && !decisions.Any(d => string.Equals(d.Approver, decision.Approver, StringComparison.OrdinalIgnoreCase)))
                {
                    decisions.Add(decision);
                    PostStatus? result = Evaluate(stage, decisions);
                    if (result is not null)
                    {
                        waitCts.Cancel();
                        return (result, decisions);
                    }
                }

                next = context.WaitForExternalEvent<ApprovalDecision>(ApprovalDecision.EventName, waitCts.Token);
                continue;
            }

            List<string> waitingOn = stage.Approvers.Where(a => !decisions.Any(d => string.Equals(d.Approver, a, StringComparison.OrdinalIgnoreCase))).ToList();
            if (phase == 0)
            {
                context.SetCustomStatus(new PostProgress(PostStatus.AwaitingApproval, stage.Number, stage.Name, "reminded"));
                await context.CallActivityAsync<bool>(nameof(RequestApprovalActivity), new ApprovalRequest(post, stage, ApprovalRequestKind.Reminder, waitingOn, expireAt), Retry);
            }
            else if (phase == 1)
            {
                eligible.UnionWith(stage.Backups);
                context.SetCustomStatus(new PostProgress(PostStatus.AwaitingApproval, stage.Number, stage.Name, "escalated"));
                if (stage.Backups.Count > 0)
                {
                    await context.CallActivityAsync<bool>(nameof(RequestApprovalActivity), new ApprovalRequest(post, stage, ApprovalRequestKind.Escalation, stage.Backups, expireAt), Retry);
                }
            }
            else
            {
                waitCts.Cancel();
                return (PostStatus.Expired, decisions);
            }

            phase++;
        }
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
