namespace Chorus.Host.Mentions;

/// <summary>
/// One configured mention source as the dashboard's Sources page shows it: what it is and how often it is polled, when
/// it was last polled and when it is next due, how old its cursor is, how many polls in a row failed and why the last
/// one did, and how much of its monthly read budget (X only) is used.
/// </summary>
internal sealed record SourceStatus(
    string Name,
    string Kind,
    bool Enabled,
    string Schedule,
    DateTimeOffset? LastPolledAt,
    DateTimeOffset? NextDueAt,
    DateTimeOffset? CursorSavedAt,
    DateTimeOffset? PausedUntil,
    int ConsecutiveFailures,
    string? LastError,
    DateTimeOffset? LastFailedAt,
    long? ReadBudget,
    long? ReadsThisMonth);
