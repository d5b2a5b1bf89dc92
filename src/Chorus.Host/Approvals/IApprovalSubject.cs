using Chorus.Approvals;

namespace Chorus.Host.Approvals;

/// <summary>
/// What the shared approval pages need from a kind of item (a staff post, a mention): how to show it, whether it
/// still waits for the stage a link answers, and how to hand over a decision.
/// </summary>
internal interface IApprovalSubject
{
    /// <summary>Gets the subject name carried in tokens ("post", "mention").</summary>
    string Subject { get; }

    /// <summary>Whether this link's page carries a reply box (<see cref="ApprovalPageModel.Composer"/>), whose text the decision then carries.</summary>
    Task<bool> TakesReplyAsync(ApprovalTokenClaims claims, CancellationToken cancellationToken);

    /// <summary>Describes the item for the confirmation page, or null when it no longer exists.</summary>
    Task<ApprovalPageModel?> DescribeAsync(ApprovalTokenClaims claims, CancellationToken cancellationToken);

    /// <summary>Why the item no longer waits for this link's stage, or null while it does.</summary>
    Task<NotWaitingReason?> CheckWaitingAsync(ApprovalTokenClaims claims, CancellationToken cancellationToken);

    /// <summary>Records the decision as an artefact and delivers it to the waiting orchestration.</summary>
    Task DecideAsync(ApprovalTokenClaims claims, ApprovalDecisionRecord decision, CancellationToken cancellationToken);
}
