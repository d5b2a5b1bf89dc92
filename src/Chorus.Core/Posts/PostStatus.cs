namespace Chorus.Posts;

/// <summary>Where a post stands.</summary>
public enum PostStatus
{
    /// <summary>Stored; being scored and checked.</summary>
    Submitted,

    /// <summary>Waiting for approvers.</summary>
    AwaitingApproval,

    /// <summary>Approved (by the rules or by people): it may be published.</summary>
    Approved,

    /// <summary>Rejected (by a blocking finding or by a person).</summary>
    Rejected,

    /// <summary>Nobody decided in time.</summary>
    Expired,
}
