using Chorus.Durable;
using Chorus.Mail;
using Chorus.Posts.Policy;
using Chorus.Sentiment;
using Microsoft.DurableTask;

namespace Chorus.Posts.Review;

/// <summary>Typed calls of the post-review activities: each activity's name and types are written once, here.</summary>
public static class PostReviewCalls
{
    /// <summary>Calls <see cref="ScorePostActivity"/>.</summary>
    public static Task<DocumentSentiment?> CallScorePostAsync(this TaskOrchestrationContext context, PostSubmission post)
        => context.CallActivityAsync<DocumentSentiment?>(nameof(ScorePostActivity), post, ActivityRetry.Default);

    /// <summary>Calls <see cref="CheckPostActivity"/>.</summary>
    public static Task<PolicyReport> CallCheckPostAsync(this TaskOrchestrationContext context, CheckPostInput input)
        => context.CallActivityAsync<PolicyReport>(nameof(CheckPostActivity), input, ActivityRetry.Default);

    /// <summary>Calls <see cref="PlanReviewActivity"/>.</summary>
    public static Task<ReviewPlan> CallPlanReviewAsync(this TaskOrchestrationContext context, PlanReviewInput input)
        => context.CallActivityAsync<ReviewPlan>(nameof(PlanReviewActivity), input, ActivityRetry.Default);

    /// <summary>Calls <see cref="RequestApprovalActivity"/>.</summary>
    public static Task<MailDelivery> CallRequestApprovalAsync(this TaskOrchestrationContext context, ApprovalRequest request)
        => context.CallActivityAsync<MailDelivery>(nameof(RequestApprovalActivity), request, ActivityRetry.Default);

    /// <summary>Calls <see cref="ConcludePostActivity"/>.</summary>
    public static Task<MailDelivery> CallConcludePostAsync(this TaskOrchestrationContext context, ConcludePostInput input)
        => context.CallActivityAsync<MailDelivery>(nameof(ConcludePostActivity), input, ActivityRetry.Default);

    /// <summary>Calls <see cref="RecordPostStatusActivity"/>.</summary>
    public static Task<bool> CallRecordPostStatusAsync(this TaskOrchestrationContext context, PostStatusChange change)
        => context.CallActivityAsync<bool>(nameof(RecordPostStatusActivity), change, ActivityRetry.Default);
}
