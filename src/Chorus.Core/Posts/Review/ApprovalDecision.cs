namespace Chorus.Posts.Review;

/// <summary>An approver's answer, raised to the review orchestration as the "decision" event.</summary>
public sealed record ApprovalDecision(int Stage, string Approver, string Action, string? Comment, DateTimeOffset DecidedAt)
{
    /// <summary>The external event name.</summary>
    public const string EventName = "decision";

    /// <summary>The action that approves.</summary>
    public const string Approve = "approve";

    /// <summary>The action that rejects.</summary>
    public const string Reject = "reject";
}
