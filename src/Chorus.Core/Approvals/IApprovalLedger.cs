namespace Chorus.Approvals;

/// <summary>
/// Remembers which approval slots are used. A slot is (subject, instance, stage, approver): an approver decides once
/// per stage, whatever the action, so a token is consumed once and its sibling links (the "reject" beside the
/// "approve") die with it.
/// </summary>
public interface IApprovalLedger
{
    /// <summary>Fills the slot the claims name with <paramref name="record"/>, atomically, unless it is already filled.</summary>
    /// <returns>True for the first decision in the slot; false when that approver already decided in that stage.</returns>
    /// <exception cref="ArgumentException"><paramref name="record"/> is not for the slot the claims name.</exception>
    Task<bool> TryConsumeAsync(ApprovalTokenClaims claims, ApprovalDecisionRecord record, CancellationToken cancellationToken = default);

    /// <summary>Reads the decision in the slot the claims name, or null when there is none yet.</summary>
    Task<ApprovalDecisionRecord?> GetAsync(ApprovalTokenClaims claims, CancellationToken cancellationToken = default);
}
