using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Chorus.Durable;
using Chorus.Mentions.Topics;

namespace Chorus.Infrastructure.Topics;

/// <summary>
/// The topic index in Table storage: one partition per UTC hour (<c>yyyyMMddHH</c>, the hour a mention was written),
/// holding a row <c>t|{topic}</c> per topic (the count of negative mentions and up to three examples) and a row
/// <c>m|{mention id}</c> per mention counted. A mention's marker and its topics' counts change in one entity-group
/// transaction (all in its hour's partition), each count on the condition that nobody changed it since it was read, so
/// a mention seen again finds its marker and counts nothing, and two writers never lose a count. A window is read an
/// hour at a time, through <see cref="TopicHourCache"/>.
/// </summary>
internal sealed class TableTopicIndex : ITopicIndex
{
    /// <summary>An entity-group transaction holds at most 100 changes.</summary>
    private const int MaxActions = 100;

    /// <summary>Fewer topics than this are read one row each; more, by reading the hour's topic rows in one query.</summary>
    private const int PointReads = 32;

    private const int MaxAttempts = 50;
    private const string Count = "Count";
    private const string Examples = "Examples";
    private const string TopicPrefix = "t|";
    private const string MarkerPrefix = "m|";

    /// <summary>Sorts just after every topic row key (<c>|</c> is followed by <c>}</c>).</summary>
    private const string TopicEnd = "t}";

    private readonly TableClient _table;
    private readonly TopicHourCache _cache;
    private readonly Lock _gate = new();
    private Task? _ready;

    public TableTopicIndex(TableClient table, TimeProvider time)
    {
        _table = table ?? throw new ArgumentNullException(nameof(table));
        _cache = new TopicHourCache(LoadHourAsync, time ?? throw new ArgumentNullException(nameof(time)));
    }

    /// <inheritdoc/>
    public async Task AddAsync(IReadOnlyList<TopicMention> mentions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        foreach (IGrouping<string, TopicMention> hour in mentions.Where(m => m.Topics.Count > 0).DistinctBy(m => m.MentionId).GroupBy(m => TopicHours.Of(m.CreatedAt)))
        {
            await AddHourAsync(hour.Key, [.. hour], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, TopicTally>> CountAsync(IReadOnlyCollection<string> topics, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        Dictionary<string, TopicTally> tallies = new(StringComparer.Ordinal);
        if (topics.Count == 0 || until < since)
        {
            return tallies;
        }

        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        ConcurrentDictionary<string, TopicRow>[] hours = await _cache.GetAsync(TopicHours.Between(since, until), cancellationToken).ConfigureAwait(false);
        foreach (string topic in topics.Distinct(StringComparer.Ordinal))
        {
            long count = 0;
            List<TopicExample> examples = [];
            foreach (ConcurrentDictionary<string, TopicRow> hour in hours)
            {
                if (hour.TryGetValue(topic, out TopicRow? row))
                {
                    count += row.Count;
                    if (examples.Count < TopicTally.MaxExamples)
                    {
                        examples.AddRange(ReadExamples(row.Examples).Take(TopicTally.MaxExamples - examples.Count));
                    }
                }
            }

            if (count > 0)
            {
                tallies[topic] = new TopicTally(topic, (int)Math.Min(count, int.MaxValue), examples);
            }
        }

        return tallies;
    }

    private static IEnumerable<TopicMention> Chunk(List<TopicMention> pending, int start, out int end)
    {
        HashSet<string> topics = new(StringComparer.Ordinal);
        end = start;
        while (end < pending.Count)
        {
            TopicMention mention = pending[end];
            int added = Topics(mention).Count(topic => !topics.Contains(topic));
            if (end > start && (end - start) + topics.Count + 1 + added > MaxActions)
            {
                break;
            }

            topics.UnionWith(Topics(mention));
            end++;
        }

        return pending.Skip(start).Take(end - start);
    }

    // A marker and 99 topics fill a transaction; the extractor gives far fewer, but the index takes what it is given.
    private static IEnumerable<string> Topics(TopicMention mention) => mention.Topics.Distinct(StringComparer.Ordinal).Take(MaxActions - 1);

    private static List<TopicExample> ReadExamples(string? json)
        => string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<TopicExample>>(json, DurableJson.Options) ?? [];

    private async Task AddHourAsync(string partition, List<TopicMention> pending, CancellationToken cancellationToken)
    {
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            Dictionary<string, TableEntity?> rows = await ReadRowsAsync(partition, [.. pending.SelectMany(Topics).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
            int done = 0;
            bool conflict = false;
            while (done < pending.Count)
            {
                List<TopicMention> chunk = [.. Chunk(pending, done, out int end)];
                if (!await TrySubmitAsync(partition, chunk, rows, cancellationToken).ConfigureAwait(false))
                {
                    conflict = true;
                    break;
                }

                done = end;
            }

            if (!conflict)
            {
                return;
            }

            // A mention counted already (seen again) or a count moved by another writer: keep the mentions not counted yet.
            List<TopicMention> rest = pending[done..];
            NullableResponse<TableEntity>[] markers = await Task.WhenAll(rest.Select(m => _table.GetEntityIfExistsAsync<TableEntity>(partition, MarkerPrefix + m.MentionId, select: ["RowKey"], cancellationToken: cancellationToken))).ConfigureAwait(false);
            pending = [.. rest.Where((_, i) => !markers[i].HasValue)];
            if (pending.Count == 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(10 * attempt, 200) + 1)), cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"Could not count {pending.Count} mentions by topic in {MaxAttempts} attempts: other writers kept changing the counts. It is safe to retry.");
    }

    /// <summary>Counts one chunk; on success <paramref name="rows"/> holds the rows as now stored, for the next chunk.</summary>
    private async Task<bool> TrySubmitAsync(string partition, List<TopicMention> chunk, Dictionary<string, TableEntity?> rows, CancellationToken cancellationToken)
    {
        List<TableTransactionAction> actions = [];
        foreach (TopicMention mention in chunk)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, MarkerPrefix + mention.MentionId)));
        }

        List<(string Topic, TableEntity Row)> written = [];
        foreach (IGrouping<string, TopicMention> topic in chunk.SelectMany(m => Topics(m).Select(t => (Topic: t, Mention: m))).GroupBy(p => p.Topic, p => p.Mention, StringComparer.Ordinal))
        {
            TableEntity? stored = rows.GetValueOrDefault(topic.Key);
            List<TopicExample> examples = ReadExamples(stored?.GetString(Examples));
            examples.AddRange(topic.Select(m => m.Example).Take(Math.Max(0, TopicTally.MaxExamples - examples.Count)));
            TableEntity row = new(partition, TopicPrefix + topic.Key)
            {
                [Count] = (stored?.GetInt64(Count) ?? 0) + topic.Count(),
                [Examples] = JsonSerializer.Serialize(examples, DurableJson.Options),
            };
            written.Add((topic.Key, row));
            actions.Add(stored is null
                ? new TableTransactionAction(TableTransactionActionType.Add, row)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, stored.ETag));
        }

        Response<IReadOnlyList<Response>> result;
        try
        {
            result = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return false;
        }

        for (int i = 0; i < written.Count; i++)
        {
            // The next chunk of this batch changes the row as now stored, on the condition of its new ETag.
            (string topic, TableEntity row) = written[i];
            row.ETag = result.Value[chunk.Count + i].Headers.ETag ?? default;
            rows[topic] = row.ETag == default ? null : row;
        }

        _cache.Apply(partition, written.Select(w => KeyValuePair.Create(w.Topic, new TopicRow(w.Row.GetInt64(Count) ?? 0, w.Row.GetString(Examples)))));
        return true;
    }

    private async Task<Dictionary<string, TableEntity?>> ReadRowsAsync(string partition, List<string> topics, CancellationToken cancellationToken)
    {
        Dictionary<string, TableEntity?> rows = new(StringComparer.Ordinal);
        if (topics.Count <= PointReads)
        {
            NullableResponse<TableEntity>[] found = await Task.WhenAll(topics.Select(t => _table.GetEntityIfExistsAsync<TableEntity>(partition, TopicPrefix + t, cancellationToken: cancellationToken))).ConfigureAwait(false);
            for (int i = 0; i < topics.Count; i++)
            {
                rows[topics[i]] = found[i].HasValue ? found[i].Value : null;
            }

            return rows;
        }

        HashSet<string> wanted = new(topics, StringComparer.Ordinal);
        await foreach (TableEntity row in _table.QueryAsync<TableEntity>(HourFilter(partition), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            string topic = row.RowKey[TopicPrefix.Length..];
            if (wanted.Contains(topic))
            {
                rows[topic] = row;
            }
        }

        return rows;
    }

    private async Task<Dictionary<string, TopicRow>> LoadHourAsync(string partition, CancellationToken cancellationToken)
    {
        Dictionary<string, TopicRow> rows = new(StringComparer.Ordinal);
        await foreach (TableEntity row in _table.QueryAsync<TableEntity>(HourFilter(partition), select: ["RowKey", Count, Examples], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows[row.RowKey[TopicPrefix.Length..]] = new TopicRow(row.GetInt64(Count) ?? 0, row.GetString(Examples));
        }

        return rows;
    }

    private static string HourFilter(string partition)
        => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {TopicPrefix} and RowKey lt {TopicEnd}");

    private Task EnsureAsync(CancellationToken cancellationToken)
    {
        Task? ready = Volatile.Read(ref _ready);
        if (ready is null || ready.IsFaulted || ready.IsCanceled)
        {
            lock (_gate)
            {
                ready = Volatile.Read(ref _ready);
                if (ready is null || ready.IsFaulted || ready.IsCanceled)
                {
                    ready = _table.CreateIfNotExistsAsync(CancellationToken.None);
                    Volatile.Write(ref _ready, ready);
                }
            }
        }

        return ready.WaitAsync(cancellationToken);
    }
}
