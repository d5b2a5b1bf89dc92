using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Chorus.Listing;

namespace Chorus.Infrastructure.Lists;

/// <summary>
/// One list's table (one partition). An index row is keyed <c>{index prefix}{reversed ticks}|{id}</c>, so within an
/// index the rows sort newest first and any page, from any position, in any time range, is one range query. A counter
/// row is keyed <c>{counter prefix}{yyyy-MM-dd}</c> and holds one count per value (per status, per label) for that day.
/// Everything of a list shares one partition because a change to a list (its rows in every index and its counters) must
/// be one entity-group transaction, and those cannot span partitions.
/// </summary>
internal sealed class ListTable(TableClient table, string partition)
{
    /// <summary>Sorts after every character a key uses (letters, digits, <c>-</c>, <c>|</c>).</summary>
    private const string End = "~";

    private readonly TableCreation _creation = new(table);

    public string Partition => partition;

    /// <summary>The key of an item's row in an index.</summary>
    public static string Key(string prefix, ListPosition position) => prefix + Reversed(position.At) + "|" + position.Id;

    /// <summary>The key of the counter row of the day of <paramref name="at"/> (UTC).</summary>
    public static string CounterKey(string prefix, DateTimeOffset at) => prefix + DayKey(DayOf(at));

    /// <summary>
    /// Reads one page of an index: up to <paramref name="take"/> rows in a time range after a position, whether more
    /// follow, and how many rows the index holds in the range. The count comes from the counters (one row a day) and,
    /// for part-days at either end, from reading keys, so it grows with the days in the range, never with the items.
    /// </summary>
    /// <remarks>
    /// The same day counts bound the page's read to the days that hold the page: enough whole days older than the
    /// page's first day to fill it. A store that reads a key range in order and stops at the page (Azure) gains nothing
    /// from it; Azurite, which finds and sorts every row in the range before taking a page, is spared sorting the
    /// whole list on every request.
    /// </remarks>
    public async Task<ListPageRows> PageAsync(string indexPrefix, string counterPrefix, IReadOnlyList<string> counted, TimeRange range, ListPosition? after, int take, CancellationToken cancellationToken)
    {
        if (range.IsEmpty)
        {
            return new ListPageRows([], false, 0);
        }

        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        (DateOnly? first, DateOnly? last, List<TimeRange> edges) = Split(range);
        List<(DateOnly Day, long Count)> days = first is null || last is null || first <= last
            ? await ReadDaysAsync(counterPrefix, first, last, counted, cancellationToken).ConfigureAwait(false)
            : [];
        long total = days.Sum(d => d.Count);
        foreach (TimeRange edge in edges)
        {
            await foreach (TableEntity row in table.QueryAsync<TableEntity>(RangeFilter(indexPrefix, edge, null), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                total++;
            }
        }

        TimeRange window = Window(range, after, days, take);
        (List<TableEntity> rows, bool more) = await ReadAsync(indexPrefix, window, after, take, cancellationToken).ConfigureAwait(false);
        if (!more && window.From != range.From)
        {
            // The window held less than the counts promised: a post moved out of it between the two reads. Read on.
            ListPosition? reached = rows.Count > 0 ? PositionOf(rows[^1], indexPrefix) : after;
            (List<TableEntity> rest, more) = await ReadAsync(indexPrefix, range, reached, take - rows.Count, cancellationToken).ConfigureAwait(false);
            rows.AddRange(rest);
        }

        return new ListPageRows(rows, more, total);
    }

    /// <summary>Reads a row, or null.</summary>
    public async Task<TableEntity?> FindAsync(string rowKey, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> found = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>
    /// Reads the counter rows keyed <c>{prefix}{yyyy-MM-dd}</c>, with anything after the day, from the first day to the
    /// last (inclusive), in key order: one range query.
    /// </summary>
    public async IAsyncEnumerable<TableEntity> CountersAsync(string prefix, DateOnly first, DateOnly last, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (first > last)
        {
            yield break;
        }

        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix + DayKey(first)} and RowKey lt {prefix + DayKey(last) + End}");
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    /// <summary>The first <paramref name="take"/> rows of an index (its newest), in one query.</summary>
    public async Task<IReadOnlyList<TableEntity>> FirstAsync(string prefix, int take, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        (List<TableEntity> rows, _) = await ReadAsync(prefix, TimeRange.All, null, take, cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>Merges properties into a row; false when the row is not there.</summary>
    public async Task<bool> TryMergeAsync(TableEntity row, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Reads a counter row, to change in a transaction.</summary>
    public async Task<DayCounter> ReadCounterAsync(string rowKey, CancellationToken cancellationToken)
        => new(partition, rowKey, await FindAsync(rowKey, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Submits one entity-group transaction. False when a condition failed (a row already there or gone, a counter
    /// changed since it was read): nothing was written, and the caller reads again and decides.
    /// </summary>
    public async Task<bool> TrySubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    /// <summary>A short random wait before trying a lost race again, so that the losers do not collide once more.</summary>
    public static Task BackOffAsync(int attempt, CancellationToken cancellationToken)
        => Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(10 * attempt, 200) + 1)), cancellationToken);

    private static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static DateTimeOffset EndOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);

    private static string DayKey(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Reversed(DateTimeOffset at) => (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private string RangeFilter(string prefix, TimeRange range, ListPosition? after)
    {
        // Later times have smaller reversed ticks: the range's end is the low key, its start the high one.
        string high = range.From is { } from ? prefix + Reversed(from) + "|" + End : prefix + End;
        return after is not null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {Key(prefix, after)} and RowKey lt {high}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {(range.To is { } to ? prefix + Reversed(to) : prefix)} and RowKey lt {high}");
    }

    /// <summary>The whole days a range covers (either end open), and the part-days at its ends.</summary>
    private static (DateOnly? First, DateOnly? Last, List<TimeRange> Edges) Split(TimeRange range)
    {
        DateOnly? first = null, last = null;
        List<TimeRange> edges = [];
        if (range.From is { } from)
        {
            DateOnly day = DayOf(from);
            if (from == StartOf(day))
            {
                first = day;
            }
            else
            {
                first = day.AddDays(1);
                edges.Add(new TimeRange(from, range.To is { } to && to < EndOf(day) ? to : EndOf(day)));
            }
        }

        if (range.To is { } until)
        {
            DateOnly day = DayOf(until);
            if (until == EndOf(day))
            {
                last = day;
            }
            else
            {
                last = day.AddDays(-1);
                bool inFirstEdge = range.From is { } start && start != StartOf(DayOf(start)) && DayOf(start) == day;
                if (!inFirstEdge)
                {
                    edges.Add(new TimeRange(range.From is { } f && f > StartOf(day) ? f : StartOf(day), until));
                }
            }
        }

        return (first, last, edges);
    }

    /// <summary>
    /// The part of the range a page is read from: from the page's first day back over whole older days until they hold
    /// more rows than the page takes (so the page, and the row telling that more follow, are surely in it).
    /// </summary>
    private static TimeRange Window(TimeRange range, ListPosition? after, List<(DateOnly Day, long Count)> days, int take)
    {
        DateOnly? top = after is not null ? DayOf(after.At) : range.To is { } to ? DayOf(to) : days.Count > 0 ? days[^1].Day : null;
        if (top is null)
        {
            return range;
        }

        long older = 0;
        for (int i = days.Count - 1; i >= 0; i--)
        {
            if (days[i].Day < top && (older += days[i].Count) > take)
            {
                DateTimeOffset from = StartOf(days[i].Day);
                return range.From is { } start && start > from ? range : range with { From = from };
            }
        }

        return range;
    }

    private async Task<(List<TableEntity> Rows, bool More)> ReadAsync(string prefix, TimeRange range, ListPosition? after, int take, CancellationToken cancellationToken)
    {
        List<TableEntity> rows = new(take + 1);
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(RangeFilter(prefix, range, after), maxPerPage: take + 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // One row more than asked for tells whether there is a next page, without a second query.
            if (rows.Count == take)
            {
                return (rows, true);
            }

            rows.Add(row);
        }

        return (rows, false);
    }

    /// <summary>The day counts of a counter prefix in a day range (either end open), oldest first.</summary>
    private async Task<List<(DateOnly Day, long Count)>> ReadDaysAsync(string prefix, DateOnly? first, DateOnly? last, IReadOnlyList<string> counted, CancellationToken cancellationToken)
    {
        string low = first is { } f ? prefix + DayKey(f) : prefix;
        string filter = last is { } l
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {low} and RowKey le {prefix + DayKey(l)}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {low} and RowKey lt {prefix + End}");
        List<(DateOnly Day, long Count)> days = [];
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(filter, select: [.. counted, "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            long count = counted.Sum(name => row.GetInt64(name) ?? 0);
            if (count > 0 && DateOnly.TryParseExact(row.RowKey[prefix.Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
            {
                days.Add((day, count));
            }
        }

        return days;
    }

    private static ListPosition PositionOf(TableEntity row, string prefix)
    {
        // {prefix}{reversed ticks, 19 digits}|{id}
        string key = row.RowKey;
        long reversed = long.Parse(key.AsSpan(prefix.Length, 19), NumberStyles.None, CultureInfo.InvariantCulture);
        return new ListPosition(new DateTimeOffset(DateTimeOffset.MaxValue.UtcTicks - reversed, TimeSpan.Zero), key[(prefix.Length + 20)..]);
    }

    private Task EnsureAsync(CancellationToken cancellationToken) => _creation.EnsureAsync(cancellationToken);
}
