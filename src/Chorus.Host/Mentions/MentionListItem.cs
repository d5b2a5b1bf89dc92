namespace Chorus.Host.Mentions;

/// <summary>
/// A mention as <c>GET /api/mentions</c> lists it: its sentiment label and score (-1 to 1, null when unscored), whether
/// it needs a person and why, and the mention itself.
/// </summary>
public sealed record MentionListItem(
    string MentionId,
    string Source,
    string Label,
    double? Score,
    bool NeedsAttention,
    Uri? Url,
    string AuthorHandle,
    string Text,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Reasons);
