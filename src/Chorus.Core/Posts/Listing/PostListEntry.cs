using Chorus.Listing;

namespace Chorus.Posts.Listing;

/// <summary>What the post list shows of a post, kept in the list index and moved as the post's status changes.</summary>
public sealed record PostListEntry(string PostId, PostStatus Status, PostAuthor Author, DateTimeOffset SubmittedAt)
{
    /// <summary>Gets where the post sits in the newest-first list.</summary>
    public ListPosition Position => new(SubmittedAt, PostId);

    /// <summary>The entry of a post just submitted.</summary>
    public static PostListEntry Of(PostSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return new(submission.PostId, PostStatus.Submitted, submission.Author, submission.SubmittedAt);
    }
}
