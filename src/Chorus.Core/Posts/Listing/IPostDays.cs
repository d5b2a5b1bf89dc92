namespace Chorus.Posts.Listing;

/// <summary>The post list's per-day counters: how many posts submitted each UTC day stand at each status now.</summary>
public interface IPostDays
{
    /// <summary>The days from <paramref name="first"/> to <paramref name="last"/> (inclusive, UTC) that have posts, oldest first.</summary>
    Task<IReadOnlyList<PostDay>> ReadAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken = default);
}
