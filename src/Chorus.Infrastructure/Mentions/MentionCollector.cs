using Chorus.Mentions;

namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// Gathers one poll's mentions, in whatever order the source pages them, and turns them into the batch the port
/// promises: oldest first, each source id once, nothing at or before the cursor, at most the per-poll cap.
/// </summary>
/// <typeparam name="TKey">The order the cursor is kept in (a time, an id, or both); the cursor is a formatted key.</typeparam>
internal sealed class MentionCollector<TKey>(TKey? after, Func<TKey, string> formatCursor)
    where TKey : struct, IComparable<TKey>
{
    private readonly Dictionary<string, (Mention Mention, TKey Key)> _items = new(StringComparer.Ordinal);

    /// <summary>Gets how many distinct new mentions have been collected.</summary>
    public int Count => _items.Count;

    /// <summary>Gets a value indicating whether this is a first poll (no cursor).</summary>
    public bool IsFirstPoll => after is null;

    /// <summary>Collects a mention unless it is a duplicate or was handed over by an earlier poll.</summary>
    public Admission Add(Mention mention, TKey key)
    {
        ArgumentNullException.ThrowIfNull(mention);
        if (after is { } cursor && key.CompareTo(cursor) <= 0)
        {
            return Admission.AtOrBeforeCursor;
        }

        // Pages shift while a poll reads them, so the same item can come twice: the first copy wins.
        return _items.TryAdd(mention.SourceId, (mention, key)) ? Admission.Added : Admission.Duplicate;
    }

    /// <summary>Builds the batch.</summary>
    /// <param name="previousCursor">The cursor this poll started from, kept when nothing new was found.</param>
    /// <param name="cap">The most mentions to hand over.</param>
    /// <param name="complete">Whether paging reached the newest item (false when a cap stopped it early).</param>
    /// <param name="keysMayTie">
    /// Whether two items can share a key (a time without an id). The cap then never splits a tie: the cursor is
    /// "everything up to this key", so a tied item left out would be skipped for ever.
    /// </param>
    /// <remarks>
    /// On a first poll the newest <paramref name="cap"/> items are handed over and the batch is caught up: a new source
    /// starts listening from now, rather than working through the whole history (a week of X search would spend the
    /// month's read budget). After that, the oldest items come first and the cursor stops at the last one handed over.
    /// </remarks>
    public MentionBatch ToBatch(string? previousCursor, int cap, bool complete, bool keysMayTie)
    {
        List<(Mention Mention, TKey Key)> ordered = [.. _items.Values
            .OrderBy(item => item.Key)
            .ThenBy(item => item.Mention.SourceId, StringComparer.Ordinal)];
        if (ordered.Count == 0)
        {
            return new MentionBatch([], previousCursor, CaughtUp: complete || IsFirstPoll);
        }

        if (IsFirstPoll)
        {
            int skip = Math.Max(0, ordered.Count - cap);
            List<(Mention Mention, TKey Key)> newest = ordered.GetRange(skip, ordered.Count - skip);
            return new MentionBatch([.. newest.Select(item => item.Mention)], formatCursor(newest[^1].Key), CaughtUp: true);
        }

        int take = Math.Min(cap, ordered.Count);
        while (keysMayTie && take < ordered.Count && ordered[take].Key.CompareTo(ordered[take - 1].Key) == 0)
        {
            take++;
        }

        return new MentionBatch(
            [.. ordered.Take(take).Select(item => item.Mention)],
            formatCursor(ordered[take - 1].Key),
            CaughtUp: complete && take == ordered.Count);
    }
}
