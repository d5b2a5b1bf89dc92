namespace Chorus.Posts.Review;

/// <summary>
/// What the review of one post will be, fixed when it starts (so a configuration change mid-review cannot make the
/// orchestration take a different path on replay).
/// </summary>
public sealed record ReviewPlan(ReviewRoute Route, IReadOnlyList<ReviewStage> Stages, TimeSpan ReminderAfter, TimeSpan EscalateAfter, TimeSpan ExpireAfter)
{
    /// <summary>
    /// Gets why the rules reject a post when no finding says so (null otherwise). Plans recorded before it existed
    /// replay with null.
    /// </summary>
    public string? Reason { get; init; }
}

/// <summary>How a post is routed.</summary>
public enum ReviewRoute
{
    /// <summary>Approved by the rules: nothing warn-or-worse, sentiment not negative.</summary>
    AutoApprove,

    /// <summary>Rejected by the rules: a blocking finding.</summary>
    AutoReject,

    /// <summary>People decide.</summary>
    HumanReview,
}

/// <summary>One stage of a plan.</summary>
public sealed record ReviewStage(int Number, string Name, ApprovalMode Mode, IReadOnlyList<string> Approvers, IReadOnlyList<string> Backups);
