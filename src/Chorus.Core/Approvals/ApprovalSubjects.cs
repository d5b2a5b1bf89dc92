namespace Chorus.Approvals;

/// <summary>
/// The kinds of item an approval link can decide. The value is also a blob path segment and part of the signed
/// token, so only these two are accepted anywhere.
/// </summary>
public static class ApprovalSubjects
{
    /// <summary>A staff social-media post.</summary>
    public const string Post = "post";

    /// <summary>A customer mention.</summary>
    public const string Mention = "mention";

    /// <summary>Returns whether <paramref name="subject"/> is <see cref="Post"/> or <see cref="Mention"/> (exact, lower case).</summary>
    public static bool IsKnown(string? subject) => subject is Post or Mention;
}
