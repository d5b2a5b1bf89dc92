using System.Text.Json;
using Azure.Data.Tables;
using Chorus.Durable;
using Chorus.Listing;
using Chorus.Mentions.Listing;

namespace Chorus.Infrastructure.Lists;

/// <summary>
/// The mention list in Table storage, partition <c>mentions</c>. Each mention has a row in four indexes, each holding
/// the entry (its text in a property of its own, so no JSON escaping can push it past a property's 64 KiB):
/// <c>t|</c> (every mention), <c>s|{source}|</c>, <c>l|{label}|</c> and <c>sl|{source}|{label}|</c>. Counter rows
/// <c>n|{day}</c> and <c>ns|{source}|{day}</c> count the day's mentions per label. Mentions never change once listed,
/// so a batch is listed a few dozen at a time: each transaction adds their rows and moves their day's counters on the
/// condition that nobody changed the counters since they were read, and one that finds a mention listed already drops it
/// and tries again, so nothing is counted twice.
/// </summary>
internal sealed class TableMentionIndex(ListTable table) : IMentionIndex
{
    /// <summary>Four rows a mention and two counters fill an entity-group transaction (at most 100 changes).</summary>
    private const int MentionsPerTransaction = 24;

    /// <summary>Keeps a transaction well under the 4 MiB a request may carry, whatever the texts' lengths.</summary>
    private const long BytesPerTransaction = 2_000_000;

    /// <summary>A table string property holds 64 KiB of UTF-16; the full text stays in <c>mention.json</c>.</summary>
    private const int MaxText = 30_000;

    private const int MaxAttempts = 50;
    private const string Item = "Item";
    private const string Text = "Text";

    /// <inheritdoc/>
    public async Task AddAsync(IReadOnlyList<MentionListEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);

        // Each transaction moves one day's counters for one source, so batches are cut along those lines.
        foreach (IGrouping<(DateOnly, string), MentionListEntry> group in entries.DistinctBy(e => e.MentionId).GroupBy(e => (DateOnly.FromDateTime(e.CreatedAt.UtcDateTime), e.Source)))
        {
            foreach (List<MentionListEntry> chunk in Chunks(group))
            {
                await AddChunkAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<ListSlice<MentionListEntry>> ListAsync(MentionListFilter filter, ListPosition? after, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        string counters = filter.Source is { } source ? $"ns|{source}|" : "n|";
        IReadOnlyList<string> counted = filter.Label is { } label ? [label] : MentionListEntry.Labels;
        ListPageRows page = await table.PageAsync(IndexPrefix(filter), counters, counted, filter.Written, after, take, cancellationToken).ConfigureAwait(false);
        List<MentionListEntry> items = [.. page.Rows.Select(Read)];
        return new ListSlice<MentionListEntry>(items, page.More ? items[^1].Position : null, page.Total);
    }

    private static string IndexPrefix(MentionListFilter filter) => (filter.Source, filter.Label) switch
    {
        (null, null) => "t|",
        ({ } source, null) => $"s|{source}|",
        (null, { } label) => $"l|{label}|",
        ({ } source, { } label) => $"sl|{source}|{label}|",
    };

    private static IEnumerable<List<MentionListEntry>> Chunks(IEnumerable<MentionListEntry> entries)
    {
        List<MentionListEntry> chunk = [];
        long bytes = 0;
        foreach (MentionListEntry entry in entries)
        {
            // Four rows, each with the text as UTF-16 and about a kilobyte of keys, JSON and framing.
            long size = 4 * ((2L * Math.Min(entry.Text.Length, MaxText)) + 1_024);
            if (chunk.Count == MentionsPerTransaction || (chunk.Count > 0 && bytes + size > BytesPerTransaction))
            {
                yield return chunk;
                chunk = [];
                bytes = 0;
            }

            chunk.Add(entry);
            bytes += size;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private static MentionListEntry Read(TableEntity row)
        => (JsonSerializer.Deserialize<MentionListEntry>(row.GetString(Item), DurableJson.Options)
            ?? throw new InvalidDataException($"The list row '{row.RowKey}' holds no entry.")) with
        { Text = row.GetString(Text) ?? string.Empty };

    private async Task AddChunkAsync(List<MentionListEntry> chunk, CancellationToken cancellationToken)
    {
        List<MentionListEntry> pending = chunk;
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            MentionListEntry first = pending[0];
            Task<DayCounter> allRead = table.ReadCounterAsync(ListTable.CounterKey("n|", first.CreatedAt), cancellationToken);
            Task<DayCounter> bySourceRead = table.ReadCounterAsync(ListTable.CounterKey($"ns|{first.Source}|", first.CreatedAt), cancellationToken);
            DayCounter all = await allRead.ConfigureAwait(false), bySource = await bySourceRead.ConfigureAwait(false);
            List<TableTransactionAction> actions = [];
            foreach (MentionListEntry entry in pending)
            {
                foreach (string prefix in new[] { "t|", $"s|{entry.Source}|", $"l|{entry.Label}|", $"sl|{entry.Source}|{entry.Label}|" })
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, Row(prefix, entry)));
                }

                all.Add(entry.Label, 1);
                bySource.Add(entry.Label, 1);
            }

            actions.Add(all.ToAction());
            actions.Add(bySource.ToAction());
            if (await table.TrySubmitAsync(actions, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            // A mention listed already (seen again) or a counter moved by another writer: keep what is not listed yet.
            TableEntity?[] listed = await Task.WhenAll(pending.Select(e => table.FindAsync(ListTable.Key("t|", e.Position), cancellationToken))).ConfigureAwait(false);
            pending = [.. pending.Where((_, i) => listed[i] is null)];
            if (pending.Count == 0)
            {
                return;
            }

            await ListTable.BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"Could not list {pending.Count} mentions in {MaxAttempts} attempts: other writers kept changing the counters. It is safe to retry.");
    }

    private TableEntity Row(string prefix, MentionListEntry entry)
        => new(table.Partition, ListTable.Key(prefix, entry.Position))
        {
            [Item] = JsonSerializer.Serialize(entry with { Text = string.Empty }, DurableJson.Options),
            [Text] = entry.Text.Length > MaxText ? entry.Text[..MaxText] : entry.Text,
        };
}
