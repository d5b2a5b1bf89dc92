namespace Chorus.Approvals;

/// <summary>An approver's answer to a link, raised to the waiting orchestration (post review or mention triage) as the "decision" event.</summary>
public sealed record ApprovalDecision(int Stage, string Approver, string Action, string? Comment, DateTimeOffset DecidedAt)
{
    /// <summary>The external event name.</summary>
    public const string EventName = "decision";

    /// <summary>The action that approves.</summary>
    public const string Approve = "approve";

    /// <summary>The action that rejects.</summary>
    public const string Reject = "reject";
}
