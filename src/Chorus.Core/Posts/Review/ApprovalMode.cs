namespace Chorus.Posts.Review;

/// <summary>How a stage's approvers decide together.</summary>
public enum ApprovalMode
{
    /// <summary>The first answer decides the stage.</summary>
    FirstResponse,

    /// <summary>Every approver must approve; one rejection rejects.</summary>
    Everyone,
}
