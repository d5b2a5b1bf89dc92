namespace Chorus.Mentions.Triage;

/// <summary>Whether a mention needs a person, why (in words a person reads), and which team gets it.</summary>
public sealed record MentionClassification(bool NeedsAttention, IReadOnlyList<string> Reasons, TriageTeam? Team);

/// <summary>The team a flagged mention goes to.</summary>
public sealed record TriageTeam(string Name, IReadOnlyList<string> Recipients, IReadOnlyList<string> Backups);
