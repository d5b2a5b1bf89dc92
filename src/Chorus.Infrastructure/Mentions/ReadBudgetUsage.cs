namespace Chorus.Infrastructure.Mentions;

/// <summary>How many posts a source has read in one calendar month (UTC): what to persist, and to restore at start.</summary>
public sealed record ReadBudgetUsage(int Year, int Month, long Reads);
