using Chorus.Approvals;
using Chorus.Posts.Listing;
using Chorus.Posts.Policy;
using Chorus.Posts.Publishing;
using Chorus.Sentiment;
using Microsoft.DurableTask;

namespace Chorus.Posts.Review;

/// <summary>
/// Reviews one staff post: score it, check it, route it, and when people must decide, ask each stage's approvers by
/// email, remind, escalate to backups, and expire. One live wait for decisions races successive timers, so a
/// decision is never lost to a timed-out wait. Once approved, the post is published (<see cref="PostPublication"/>). Each change of status moves the post in the list index (an activity, as
/// all I/O is), before anyone is emailed about it, so the lists never lag behind the emails.
/// </summary>
public sealed class PostReviewOrchestrator : TaskOrchestrator<PostSubmission, PostOutcome>
{
    /// <inheritdoc/>
    public override async Task<PostOutcome> RunAsync(TaskOrchestrationContext context, PostSubmission post)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(post);
        context.SetCustomStatus(new PostProgress(PostStatus.Submitted));
        DocumentSentiment? sentiment = await context.CallScorePostAsync(post);
        PolicyReport report = await context.CallCheckPostAsync(new CheckPostInput(post, sentiment));
        ReviewPlan plan = await context.CallPlanReviewAsync(new PlanReviewInput(post, report, sentiment));

        PostOutcome outcome = plan.Route switch
        {
            ReviewRoute.AutoApprove => new PostOutcome(PostStatus.Approved, "Approved automatically: nothing in the post needed a person to look at it.", [], context.CurrentUtcDateTime),
            ReviewRoute.AutoReject => new PostOutcome(PostStatus.Rejected, plan.Reason ?? RejectionReason(report), [], context.CurrentUtcDateTime),
            _ => await ReviewAsync(context, post, plan),
        };

        PostStatus listedAs = plan.Route == ReviewRoute.HumanReview ? PostStatus.AwaitingApproval : PostStatus.Submitted;
        await MoveInListAsync(context, post, listedAs, outcome.Status);
        await context.CallConcludePostAsync(new ConcludePostInput(post, outcome));
        context.SetCustomStatus(new PostProgress(outcome.Status));
        if (outcome.Status == PostStatus.Approved && post.Publishes)
        {
            await PostPublication.RunAsync(context, post);
        }

        return outcome;
    }

    private static async Task<PostOutcome> ReviewAsync(TaskOrchestrationContext context, PostSubmission post, ReviewPlan plan)
    {
        List<ApprovalDecision> all = [];
        await MoveInListAsync(context, post, PostStatus.Submitted, PostStatus.AwaitingApproval);
        foreach (ReviewStage stage in plan.Stages)
        {
            DecisionRoundTimes times = DecisionRoundTimes.From(context.CurrentUtcDateTime, plan.ReminderAfter, plan.EscalateAfter, plan.ExpireAfter);
            context.SetCustomStatus(new PostProgress(PostStatus.AwaitingApproval, stage.Number, stage.Name, "requested"));
            await context.CallRequestApprovalAsync(new ApprovalRequest(post, stage, ApprovalRequestKind.Request, stage.Approvers, times.ExpireAt));

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

    private static async Task MoveInListAsync(TaskOrchestrationContext context, PostSubmission post, PostStatus from, PostStatus to)
    {
        if (post.Listed)
        {
            await context.CallRecordPostStatusAsync(new PostStatusChange(PostListEntry.Of(post) with { Status = to }, from));
        }
    }

    private static async Task<(PostStatus? Result, List<ApprovalDecision> Decisions)> DecideStageAsync(
        TaskOrchestrationContext context, PostSubmission post, ReviewStage stage, DecisionRoundTimes times)
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
                await context.CallRequestApprovalAsync(new ApprovalRequest(post, stage, ApprovalRequestKind.Reminder, waitingOn, times.ExpireAt));
                return;
            }

            eligible.UnionWith(stage.Backups);
            context.SetCustomStatus(new PostProgress(PostStatus.AwaitingApproval, stage.Number, stage.Name, "escalated"));
            if (stage.Backups.Count > 0)
            {
                await context.CallRequestApprovalAsync(new ApprovalRequest(post, stage, ApprovalRequestKind.Escalation, stage.Backups, times.ExpireAt));
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
            : ReviewPlanner.NoStageReason;
    }
}
