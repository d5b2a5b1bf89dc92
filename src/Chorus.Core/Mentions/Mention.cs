namespace Chorus.Mentions;

/// <summary>
/// One customer mention, normalised from whichever source it came from. <paramref name="SourceId"/> is the source's
/// own id (status id, at:// URI, objectID, entry id); with <paramref name="Source"/> it identifies the mention, so a
/// mention seen twice is processed once. <paramref name="RawPayload"/> is the source's JSON or XML for that item.
/// </summary>
public sealed record Mention(
    string Source,
    string SourceId,
    Uri? Url,
    string AuthorHandle,
    string? AuthorName,
    long? AuthorReach,
    string Text,
    string? Language,
    DateTimeOffset CreatedAt,
    string RawPayload);
