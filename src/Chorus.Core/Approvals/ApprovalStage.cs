namespace Chorus.Approvals;

/// <summary>One stage an item waits in: its number (a mention's triage is stage 1), its name (a review stage's, or the triage team's), and when it expires.</summary>
public sealed record ApprovalStage(int Number, string Name, DateTimeOffset ExpiresAt);
