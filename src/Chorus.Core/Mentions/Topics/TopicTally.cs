namespace Chorus.Mentions.Topics;

/// <summary>How many negative mentions a topic had in a window, and up to three of them as examples.</summary>
public sealed record TopicTally(string Topic, int Count, IReadOnlyList<TopicExample> Examples)
{
    /// <summary>The most examples a tally carries (and an hour's row keeps).</summary>
    public const int MaxExamples = 3;
}
