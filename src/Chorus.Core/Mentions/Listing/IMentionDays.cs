namespace Chorus.Mentions.Listing;

/// <summary>The mention list's per-day, per-source counters, kept in the same writes that list the mentions.</summary>
public interface IMentionDays
{
    /// <summary>
    /// Every source's days from <paramref name="first"/> to <paramref name="last"/> (inclusive, UTC) that have mentions,
    /// oldest first; one read of the days in range, whatever the number of mentions.
    /// </summary>
    Task<IReadOnlyList<MentionDay>> ReadAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken = default);
}
