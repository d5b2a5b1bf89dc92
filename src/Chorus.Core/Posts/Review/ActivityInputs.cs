using Chorus.Posts.Policy;
using Chorus.Sentiment;

namespace Chorus.Posts.Review;

/// <summary>Input of <see cref="CheckPostActivity"/>.</summary>
public sealed record CheckPostInput(PostSubmission Post, DocumentSentiment? Sentiment);

/// <summary>Input of <see cref="PlanReviewActivity"/>.</summary>
public sealed record PlanReviewInput(PostSubmission Post, PolicyReport Report, DocumentSentiment? Sentiment);

/// <summary>Input of <see cref="ConcludePostActivity"/>.</summary>
public sealed record ConcludePostInput(PostSubmission Post, PostOutcome Outcome);

/// <summary>Why approvers are mailed.</summary>
public enum ApprovalRequestKind
{
    /// <summary>The first request of a stage.</summary>
    Request,

    /// <summary>A reminder to those who have not answered.</summary>
    Reminder,

    /// <summary>The stage goes to the backup approvers too.</summary>
    Escalation,
}

/// <summary>Input of <see cref="RequestApprovalActivity"/>: whom to ask, at which stage, and until when links work.</summary>
public sealed record ApprovalRequest(PostSubmission Post, ReviewStage Stage, ApprovalRequestKind Kind, IReadOnlyList<string> Recipients, DateTime ExpiresAt);

/// <summary>Input of <see cref="RecordPostStatusActivity"/>: the post as the list should now show it, and the status it leaves.</summary>
public sealed record PostStatusChange(Listing.PostListEntry Entry, PostStatus From);
