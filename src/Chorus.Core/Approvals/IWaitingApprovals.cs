namespace Chorus.Approvals;

/// <summary>
/// The approvals waiting for people, one row per item, stage and approver, kept up to date by the activities that ask
/// (<see cref="WaitAsync"/>), the decision path that answers (<see cref="AnsweredAsync"/>) and the activities that end a
/// review or triage (<see cref="ClosedAsync"/>). The dashboard reads it whole: it holds only what waits now, so it stays
/// small however many items were ever reviewed.
/// </summary>
public interface IWaitingApprovals
{
    /// <summary>
    /// Records that <paramref name="approvers"/> were asked to decide <paramref name="stage"/> of an item (a request, or
    /// an escalation adding backups). Rows of the item's other stages are dropped: only one stage waits at a time.
    /// Asking again (a retry, a reminder) keeps the first request's time.
    /// </summary>
    Task WaitAsync(ApprovalItem item, ApprovalStage stage, IReadOnlyList<string> approvers, CancellationToken cancellationToken = default);

    /// <summary>Drops the row of an approver who decided (any stage of the item).</summary>
    Task AnsweredAsync(string subject, string itemId, string approver, CancellationToken cancellationToken = default);

    /// <summary>Drops every row of an item whose review or triage ended.</summary>
    Task ClosedAsync(string subject, string itemId, CancellationToken cancellationToken = default);

    /// <summary>Everything waiting now, oldest request first.</summary>
    Task<IReadOnlyList<WaitingApproval>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>What waits now on one item (one key range, whatever else waits), oldest request first.</summary>
    Task<IReadOnlyList<WaitingApproval>> ListAsync(string subject, string itemId, CancellationToken cancellationToken = default);
}
