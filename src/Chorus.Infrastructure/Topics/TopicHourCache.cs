using System.Collections.Concurrent;

namespace Chorus.Infrastructure.Topics;

/// <summary>
/// The hours of the window as this process last read them, so a post's check reads memory instead of one Table query
/// per topic and hour. An hour is read whole (one partition query) the first time it is asked for; after that it is
/// refreshed in the background when it is older than <see cref="RecentRefresh"/> (the last two hours, where new
/// mentions land) or <see cref="OlderRefresh"/> (older hours, which only late arrivals change), and the check in hand
/// uses what is cached meanwhile. Writes from this process update the cached hours at once, so in a single host a
/// recorded complaint is seen by the next check; another host's writes are seen within those refresh times.
/// </summary>
/// <remarks>
/// Counts only grow (nothing is ever subtracted), so where a refresh and a write of this process race, the larger count
/// of a topic wins, and neither loses the other's news.
/// </remarks>
internal sealed class TopicHourCache(Func<string, CancellationToken, Task<Dictionary<string, TopicRow>>> load, TimeProvider time)
{
    /// <summary>How stale the current and previous hour may be.</summary>
    internal static readonly TimeSpan RecentRefresh = TimeSpan.FromSeconds(30);

    /// <summary>How stale an older hour may be.</summary>
    internal static readonly TimeSpan OlderRefresh = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Slot> _hours = new(StringComparer.Ordinal);
    private string? _oldest;

    /// <summary>Returns the hours' rows, newest first, loading those not cached and refreshing stale ones in the background.</summary>
    public async Task<ConcurrentDictionary<string, TopicRow>[]> GetAsync(List<(string Partition, DateTimeOffset Start)> hours, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        string oldest = hours.Count > 0 ? hours[^1].Partition : TopicHours.Of(now);
        if (!string.Equals(Volatile.Read(ref _oldest), oldest, StringComparison.Ordinal))
        {
            // Hours that left the window are dropped once, when the window moves on, not on every check.
            Volatile.Write(ref _oldest, oldest);
            foreach (string gone in _hours.Keys.Where(key => string.CompareOrdinal(key, oldest) < 0))
            {
                _hours.TryRemove(gone, out _);
            }
        }

        Task<ConcurrentDictionary<string, TopicRow>>[] reads = new Task<ConcurrentDictionary<string, TopicRow>>[hours.Count];
        for (int i = 0; i < hours.Count; i++)
        {
            (string partition, DateTimeOffset start) = hours[i];
            Slot slot = _hours.GetOrAdd(partition, p => new Slot(Load(p), now));
            if (slot.Rows.IsFaulted || slot.Rows.IsCanceled)
            {
                // A failed read is not kept: the next check reads the hour again.
                Slot fresh = new(Load(partition), now);
                slot = _hours.TryUpdate(partition, fresh, slot) ? fresh : _hours.GetOrAdd(partition, fresh);
            }
            else if (slot.Rows.IsCompletedSuccessfully && now - slot.LoadedAt > (start >= now.AddHours(-2) ? RecentRefresh : OlderRefresh))
            {
                Refresh(partition, slot, now);
            }

            reads[i] = slot.Rows;
        }

        if (reads.All(read => read.IsCompletedSuccessfully))
        {
            // The usual case once the window is cached: no waiting, nothing more allocated.
            return [.. reads.Select(read => read.Result)];
        }

        return await Task.WhenAll(reads).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes a committed write of this process into the hour, if it is cached.</summary>
    public void Apply(string partition, IEnumerable<KeyValuePair<string, TopicRow>> rows)
    {
        if (!_hours.TryGetValue(partition, out Slot? slot))
        {
            return;
        }

        if (!slot.Rows.IsCompletedSuccessfully)
        {
            // Still loading: the load may have read the rows before the write. Forget it; the next check reads afresh.
            _hours.TryRemove(KeyValuePair.Create(partition, slot));
            return;
        }

        foreach ((string topic, TopicRow row) in rows)
        {
            Keep(slot.Rows.Result, topic, row);
        }
    }

    private static void Keep(ConcurrentDictionary<string, TopicRow> rows, string topic, TopicRow row)
        => rows.AddOrUpdate(topic, row, (_, current) => row.Count >= current.Count ? row : current);

    private async Task<ConcurrentDictionary<string, TopicRow>> Load(string partition)
        => new(await load(partition, CancellationToken.None).ConfigureAwait(false), StringComparer.Ordinal);

    private void Refresh(string partition, Slot slot, DateTimeOffset now)
    {
        if (Interlocked.Exchange(ref slot.Refreshing, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                ConcurrentDictionary<string, TopicRow> fresh = await Load(partition).ConfigureAwait(false);
                foreach ((string topic, TopicRow row) in slot.Rows.Result)
                {
                    Keep(fresh, topic, row);
                }

                _hours.TryUpdate(partition, new Slot(Task.FromResult(fresh), now), slot);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A failed refresh keeps the hour as it was; the next check after the refresh time tries again.
                Volatile.Write(ref slot.Refreshing, 0);
            }
        });
    }

    private sealed class Slot(Task<ConcurrentDictionary<string, TopicRow>> rows, DateTimeOffset loadedAt)
    {
#pragma warning disable SA1401 // A field, for Interlocked.
        public int Refreshing;
#pragma warning restore SA1401

        public Task<ConcurrentDictionary<string, TopicRow>> Rows => rows;

        public DateTimeOffset LoadedAt => loadedAt;
    }
}
