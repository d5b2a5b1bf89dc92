namespace Chorus.Posts;

/// <summary>What a staff post is: something new, or an answer to a customer's mention.</summary>
public enum PostKind
{
    /// <summary>A post of the staff member's own.</summary>
    Post,

    /// <summary>An answer to a customer's mention, written from the mention's triage; see <see cref="ReplyTarget"/>.</summary>
    Reply,
}
