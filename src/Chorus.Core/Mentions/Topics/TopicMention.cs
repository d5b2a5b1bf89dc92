namespace Chorus.Mentions.Topics;

/// <summary>A negative mention as the topic index counts it: which one, where to read it, when it was written, and its topic keys.</summary>
public sealed record TopicMention(string MentionId, TopicExample Example, DateTimeOffset CreatedAt, IReadOnlyList<string> Topics);
