using Chorus.Mentions.Topics;

namespace Chorus.Posts.Policy;

/// <summary>
/// The negative mentions of the last <paramref name="Window"/> about the topics a post praises, by topic key (only
/// topics that had any). <see cref="Unavailable"/> says the topic index could not be read.
/// </summary>
public sealed record RecentComplaints(TimeSpan Window, IReadOnlyDictionary<string, TopicTally> Topics)
{
    /// <summary>Gets a value indicating whether the index could not be read, so nothing is known.</summary>
    public bool Unavailable { get; init; }
}
