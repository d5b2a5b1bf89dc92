namespace Chorus.Approvals;

/// <summary>Why a post or mention no longer takes decisions, for the page that refuses a late one.</summary>
public enum NotWaitingReason
{
    /// <summary>The item was decided (by another approver, or by this one through another route).</summary>
    AlreadyDecided,

    /// <summary>Its approval window closed without a decision.</summary>
    Expired,

    /// <summary>It was withdrawn (by its author, or because the source went away).</summary>
    Withdrawn,
}
