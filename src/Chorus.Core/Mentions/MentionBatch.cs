namespace Chorus.Mentions;

/// <summary>
/// What one poll found: the new mentions (oldest first, no duplicates) and the cursor to store once every one of them
/// has been handed over. <paramref name="CaughtUp"/> is false when the per-poll cap stopped paging early.
/// </summary>
public sealed record MentionBatch(IReadOnlyList<Mention> Mentions, string? Cursor, bool CaughtUp);
