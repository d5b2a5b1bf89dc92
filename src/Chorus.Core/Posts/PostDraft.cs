using Chorus.Posts.Policy;

namespace Chorus.Posts;

/// <summary>
/// What the policy checks look at: the text, where it goes, and the links the author declared. <see cref="Complaints"/>
/// is what customers said lately about the post's topics, looked up before the checks run (they do no I/O); null when
/// nobody looked.
/// </summary>
public sealed record PostDraft(string Text, IReadOnlyList<Channel> Channels, IReadOnlyList<Uri> Links)
{
    /// <summary>Gets the recent complaints about the topics the post praises, for the reality check.</summary>
    public RecentComplaints? Complaints { get; init; }
}
