namespace Chorus.Posts;

/// <summary>
/// The mention a reply answers. <paramref name="Source"/> and <paramref name="MentionId"/> name the mention's artefacts
/// in Chorus; <paramref name="SourceId"/> is the network's own id (status id, at:// URI, tweet id) that a publisher
/// replies to; <paramref name="Url"/> is the mention's public link, when the network gives one.
/// </summary>
public sealed record ReplyTarget(string Source, string MentionId, string SourceId, Uri? Url);
