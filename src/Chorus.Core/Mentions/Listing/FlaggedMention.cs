namespace Chorus.Mentions.Listing;

/// <summary>A flagged mention as the queue shows it: the list entry and its triage <paramref name="State"/> (<c>awaiting</c> until a team acts).</summary>
public sealed record FlaggedMention(MentionListEntry Entry, string State);
