using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Chorus.Durable;
using Chorus.Listing;
using Chorus.Posts;
using Chorus.Posts.Listing;

namespace Chorus.Infrastructure.Lists;

/// <summary>
/// The post list in Table storage, partition <c>posts</c>. Each post has a row in four indexes, each holding the entry
/// as JSON so a page needs no other read: <c>t|</c> (every post; also the post's current state), <c>s|{status}|</c>,
/// <c>a|{author}|</c> and <c>as|{author}|{status}|</c>, the author being the short hash of the lower-cased address.
/// Counter rows <c>n|{day}</c> and <c>na|{author}|{day}</c> count the day's posts per status. Listing a post and
/// moving it are each one transaction over its rows and counters, conditional on what was read, so a count is never
/// lost or counted twice however writers race and retry. The <c>n|{day}</c> rows also answer <see cref="IPostDays"/>.
/// </summary>
internal sealed class TablePostIndex(ListTable table) : IPostIndex, IPostDays
{
    private const int MaxAttempts = 50;
    private const string Item = "Item";
    private static readonly string[] AllStatuses = Enum.GetNames<PostStatus>();

    /// <inheritdoc/>
    public async Task AddAsync(PostListEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await TryAddAsync(entry, cancellationToken).ConfigureAwait(false)
                || await table.FindAsync(ListTable.Key("t|", entry.Position), cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }

            await ListTable.BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
        }

        throw Contended(entry.PostId);
    }

    /// <inheritdoc/>
    public async Task<bool> MoveAsync(PostListEntry entry, PostStatus from, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string key = ListTable.Key("t|", entry.Position);
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            TableEntity? current = await table.FindAsync(key, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                if (await TryAddAsync(entry, cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }
            }
            else
            {
                PostStatus listed = Read(current).Status;
                if (listed != from || listed == entry.Status)
                {
                    return false;
                }

                (DayCounter all, DayCounter byAuthor) = await ReadCountersAsync(entry, cancellationToken).ConfigureAwait(false);
                string author = AuthorKey(entry);
                List<TableTransactionAction> actions =
                [

                    // The current-state row changes only if nobody moved the post since it was read.
                    new(TableTransactionActionType.UpdateReplace, Row("t|", entry), current.ETag),
                    new(TableTransactionActionType.UpdateReplace, Row($"a|{author}|", entry), ETag.All),
                    new(TableTransactionActionType.Delete, new TableEntity(table.Partition, ListTable.Key($"s|{from}|", entry.Position)), ETag.All),
                    new(TableTransactionActionType.Add, Row($"s|{entry.Status}|", entry)),
                    new(TableTransactionActionType.Delete, new TableEntity(table.Partition, ListTable.Key($"as|{author}|{from}|", entry.Position)), ETag.All),
                    new(TableTransactionActionType.Add, Row($"as|{author}|{entry.Status}|", entry)),
                ];
                foreach (DayCounter counter in new[] { all, byAuthor })
                {
                    counter.Add(from.ToString(), -1);
                    counter.Add(entry.Status.ToString(), 1);
                    actions.Add(counter.ToAction());
                }

                if (await table.TrySubmitAsync(actions, cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }
            }

            await ListTable.BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
        }

        throw Contended(entry.PostId);
    }

    /// <inheritdoc/>
    public async Task<ListSlice<PostListEntry>> ListAsync(PostListFilter filter, ListPosition? after, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        string counters = filter.AuthorEmail is { } email ? $"na|{PostArtefacts.AddressKey(email)}|" : "n|";
        string[] counted = filter.Status is { } status ? [status.ToString()] : AllStatuses;
        ListPageRows page = await table.PageAsync(IndexPrefix(filter), counters, counted, filter.Submitted, after, take, cancellationToken).ConfigureAwait(false);
        List<PostListEntry> items = [.. page.Rows.Select(Read)];
        return new ListSlice<PostListEntry>(items, page.More ? items[^1].Position : null, page.Total);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PostDay>> ReadAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken = default)
    {
        List<PostDay> days = [];
        await foreach (TableEntity row in table.CountersAsync("n|", first, last, cancellationToken).ConfigureAwait(false))
        {
            Dictionary<PostStatus, long> counts = [];
            foreach (string name in AllStatuses)
            {
                if (row.GetInt64(name) is > 0 and long count)
                {
                    counts[Enum.Parse<PostStatus>(name)] = count;
                }
            }

            if (counts.Count > 0)
            {
                days.Add(new PostDay(DateOnly.ParseExact(row.RowKey.AsSpan(2, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture), counts));
            }
        }

        return days;
    }

    private static string IndexPrefix(PostListFilter filter) => (filter.Status, filter.AuthorEmail) switch
    {
        (null, null) => "t|",
        ({ } status, null) => $"s|{status}|",
        (null, { } email) => $"a|{PostArtefacts.AddressKey(email)}|",
        ({ } status, { } email) => $"as|{PostArtefacts.AddressKey(email)}|{status}|",
    };

    private static string AuthorKey(PostListEntry entry) => PostArtefacts.AddressKey(entry.Author.Email);

    private static PostListEntry Read(TableEntity row)
        => JsonSerializer.Deserialize<PostListEntry>(row.GetString(Item), DurableJson.Options)
            ?? throw new InvalidDataException($"The list row '{row.RowKey}' holds no entry.");

    private static InvalidOperationException Contended(string postId)
        => new($"Could not update the list entry of post '{postId}' in {MaxAttempts} attempts: other writers kept changing its counters. It is safe to retry.");

    private async Task<bool> TryAddAsync(PostListEntry entry, CancellationToken cancellationToken)
    {
        (DayCounter all, DayCounter byAuthor) = await ReadCountersAsync(entry, cancellationToken).ConfigureAwait(false);
        string author = AuthorKey(entry);
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.Add, Row("t|", entry)),
            new(TableTransactionActionType.Add, Row($"s|{entry.Status}|", entry)),
            new(TableTransactionActionType.Add, Row($"a|{author}|", entry)),
            new(TableTransactionActionType.Add, Row($"as|{author}|{entry.Status}|", entry)),
        ];
        foreach (DayCounter counter in new[] { all, byAuthor })
        {
            counter.Add(entry.Status.ToString(), 1);
            actions.Add(counter.ToAction());
        }

        return await table.TrySubmitAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(DayCounter All, DayCounter ByAuthor)> ReadCountersAsync(PostListEntry entry, CancellationToken cancellationToken)
    {
        Task<DayCounter> all = table.ReadCounterAsync(ListTable.CounterKey("n|", entry.SubmittedAt), cancellationToken);
        Task<DayCounter> byAuthor = table.ReadCounterAsync(ListTable.CounterKey($"na|{AuthorKey(entry)}|", entry.SubmittedAt), cancellationToken);
        return (await all.ConfigureAwait(false), await byAuthor.ConfigureAwait(false));
    }

    private TableEntity Row(string prefix, PostListEntry entry)
        => new(table.Partition, ListTable.Key(prefix, entry.Position)) { [Item] = JsonSerializer.Serialize(entry, DurableJson.Options) };
}
