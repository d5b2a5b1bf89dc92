namespace Chorus.Approvals;

/// <summary>
/// What an approval link's token says: which instance and approval stage it answers, for which approver, which action
/// the link proposes, and until when it is valid. <paramref name="Subject"/> is "post" or "mention".
/// </summary>
public sealed record ApprovalTokenClaims(string Subject, string InstanceId, int Stage, string Approver, string Action, DateTimeOffset ExpiresAt);
