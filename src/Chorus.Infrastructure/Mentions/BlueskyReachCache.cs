using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;

namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// Followers counts of Bluesky accounts by DID, as <c>app.bsky.actor.getProfiles</c> gave them, kept for
/// <see cref="Lifetime"/> so that an author who posts every poll is looked up a few times a day rather than each poll.
/// Shared by every Bluesky source of a <see cref="MentionSourceFactory"/>: a count is the network's, not a source's.
/// </summary>
internal sealed class BlueskyReachCache : IDisposable
{
    /// <summary>How long a count is used before it is fetched again; reach moves slowly and triage only compares it to a threshold.</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);

    /// <summary>How many accounts are kept at most; past it the cache evicts, and those authors are simply fetched again.</summary>
    private const int Capacity = 50_000;

    private readonly MemoryCache _cache;

    public BlueskyReachCache(TimeProvider time) =>
        _cache = new MemoryCache(new MemoryCacheOptions { Clock = new TimeProviderClock(time), SizeLimit = Capacity });

    /// <summary>Gets an account's followers count (null: the account has none to show) if it is known and fresh.</summary>
    public bool TryGet(string did, out long? followers)
    {
        bool known = _cache.TryGetValue(did, out Reach? reach);
        followers = reach?.Followers;
        return known;
    }

    /// <summary>Keeps an account's followers count; null records that the network had no profile or count for it.</summary>
    public void Remember(string did, long? followers) =>
        _cache.Set(did, new Reach(followers), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });

    public void Dispose() => _cache.Dispose();

    private sealed record Reach(long? Followers);

    /// <summary>Lets the cache expire entries on the same clock as everything else (and on a test's clock in tests).</summary>
    private sealed class TimeProviderClock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
