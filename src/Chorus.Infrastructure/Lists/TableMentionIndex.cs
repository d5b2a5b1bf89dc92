using System.Globalization;
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
/// <c>n|{day}</c> and <c>ns|{source}|{day}</c> count the day's mentions per label; the day-first rows
/// <c>d|{day}|{source}</c> count them per label too and add <c>Scored</c> and <c>ScoreSum</c> (the scores' sum in
/// millionths, a whole number so that it moves as the counts do), so every source's days are one range query
/// (<see cref="IMentionDays"/>). A mention that needs attention also gets a row in the flagged queue,
/// <c>f|{reversed ticks}|{id}</c>, with its triage <c>State</c> (<see cref="IFlaggedMentions"/>). Mentions never change
/// once listed, so a batch is listed a few dozen at a time: each transaction adds their rows and moves their day's
/// counters on the condition that nobody changed the counters since they were read, and one that finds a mention listed
/// already drops it and tries again, so nothing is counted twice.
/// </summary>
internal sealed class TableMentionIndex(ListTable table) : IMentionIndex, IMentionDays, IFlaggedMentions
{
    /// <summary>
    /// Up to five rows a mention (four indexes and the flagged queue) and three counters fill an entity-group transaction
    /// (at most 100 changes): 19 × 5 + 3 = 98.
    /// </summary>
    private const int MentionsPerTransaction = 19;

    /// <summary>The state of a flagged mention whose team has not acted yet.</summary>
    private const string Awaiting = "awaiting";

    /// <summary>Scores are summed in millionths: exact for any number of mentions a day, and a long as counters are.</summary>
    private const double ScoreUnits = 1_000_000;

    private const string Scored = "Scored";
    private const string ScoreSum = "ScoreSum";
    private const string State = "State";

    /// <summary>Keeps a transaction under the 4 MiB a request may carry, whatever the texts' lengths and characters.</summary>
    private const long BytesPerTransaction = 3_500_000;

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

    /// <inheritdoc/>
    public async Task<IReadOnlyList<MentionDay>> ReadAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken = default)
    {
        List<MentionDay> days = [];
        await foreach (TableEntity row in table.CountersAsync("d|", first, last, cancellationToken).ConfigureAwait(false))
        {
            // d|{yyyy-MM-dd}|{source}
            Dictionary<string, long> labels = [];
            foreach (string label in MentionListEntry.Labels)
            {
                if (row.GetInt64(label) is > 0 and long count)
                {
                    labels[label] = count;
                }
            }

            long scored = row.GetInt64(Scored) ?? 0;
            if (labels.Count > 0 || scored > 0)
            {
                DateOnly day = DateOnly.ParseExact(row.RowKey.AsSpan(2, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture);
                days.Add(new MentionDay(day, row.RowKey[13..], labels, scored, (row.GetInt64(ScoreSum) ?? 0) / ScoreUnits));
            }
        }

        return days;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<FlaggedMention>> LatestAsync(int take, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        IReadOnlyList<TableEntity> rows = await table.FirstAsync("f|", take, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => new FlaggedMention(Read(row), row.GetString(State) ?? Awaiting))];
    }

    /// <inheritdoc/>
    public async Task SetStateAsync(MentionListEntry entry, string state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(state);

        // A merge of the one property: setting the same state twice changes nothing, and a mention that was never flagged
        // (or listed) has no row to change.
        await table.TryMergeAsync(new TableEntity(table.Partition, ListTable.Key("f|", entry.Position)) { [State] = state }, cancellationToken).ConfigureAwait(false);
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
            // Four or five rows, each with the text and a couple of kilobytes of keys, JSON and framing. The request's JSON
            // escapes every character outside ASCII as \uXXXX: six bytes a UTF-16 unit at worst.
            long size = (entry.NeedsAttention ? 5 : 4) * ((6L * Math.Min(entry.Text.Length, MaxText)) + 2_048);
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
            Task<DayCounter> dayRead = table.ReadCounterAsync(ListTable.CounterKey("d|", first.CreatedAt) + "|" + first.Source, cancellationToken);
            DayCounter all = await allRead.ConfigureAwait(false), bySource = await bySourceRead.ConfigureAwait(false), day = await dayRead.ConfigureAwait(false);
            List<TableTransactionAction> actions = [];
            foreach (MentionListEntry entry in pending)
            {
                foreach (string prefix in new[] { "t|", $"s|{entry.Source}|", $"l|{entry.Label}|", $"sl|{entry.Source}|{entry.Label}|" })
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, Row(prefix, entry)));
                }

                if (entry.NeedsAttention)
                {
                    TableEntity flagged = Row("f|", entry);
                    flagged[State] = Awaiting;
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, flagged));
                }

                all.Add(entry.Label, 1);
                bySource.Add(entry.Label, 1);
                day.Add(entry.Label, 1);
                if (entry.Score is { } score)
                {
                    day.Add(Scored, 1);
                    day.Add(ScoreSum, (long)Math.Round(Math.Clamp(score, -1, 1) * ScoreUnits));
                }
            }

            actions.Add(all.ToAction());
            actions.Add(bySource.ToAction());
            actions.Add(day.ToAction());
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
            [Text] = entry.Text.Length > MaxText ? entry.Text[..(char.IsHighSurrogate(entry.Text[MaxText - 1]) ? MaxText - 1 : MaxText)] : entry.Text,
        };
}
