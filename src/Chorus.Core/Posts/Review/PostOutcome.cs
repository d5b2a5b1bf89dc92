using Chorus.Approvals;

namespace Chorus.Posts.Review;

/// <summary>How a post's review ended, why, and what the reviewers said.</summary>
public sealed record PostOutcome(PostStatus Status, string Reason, IReadOnlyList<ApprovalDecision> Decisions, DateTimeOffset DecidedAt);
