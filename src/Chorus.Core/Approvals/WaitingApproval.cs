namespace Chorus.Approvals;

/// <summary>One approver an item waits on: the item, the stage, the approver, and since when.</summary>
public sealed record WaitingApproval(ApprovalItem Item, ApprovalStage Stage, string Approver, DateTimeOffset RequestedAt);
