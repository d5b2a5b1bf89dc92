namespace Chorus.Mentions.Topics;

/// <summary>A mention shown as evidence: its source and id, and its address on the network when it has one.</summary>
public sealed record TopicExample(string Source, string MentionId, Uri? Url)
{
    /// <summary>Gets where a person reads the mention: on its network, or else in the Chorus API.</summary>
    public string Link => Url?.ToString() ?? $"/api/mentions/{Source}/{MentionId}";
}
