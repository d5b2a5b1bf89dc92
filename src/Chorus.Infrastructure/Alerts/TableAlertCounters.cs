using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Chorus.Durable;
using Chorus.Infrastructure.Lists;
using Chorus.Mentions.Alerts;

namespace Chorus.Infrastructure.Alerts;

/// <summary>
/// The alert counters in one table, a partition per series (<c>{source}.{term key}</c>): a row per counted hour
/// (<c>h{yyyyMMddHH}</c>: negative and scored mentions, score sums in whole units, and the hour's most negative mentions
/// as examples) and a marker row per counted mention (<c>m|{mentionId}</c>). The markers and the hour's new counts are
/// written in one entity-group transaction, the hour row on the condition that nobody changed it since it was read,
/// so a mention seen again, recorded twice at once, or retried after a crash is counted exactly once. Partition
/// <c>series</c> lists every series with the first hour its source was counted in.
/// </summary>
internal sealed class TableAlertCounters(TableClient table) : IAlertCounters
{
    private const string SeriesPartition = "series";

    // Scores are kept in ten-thousandths (as the triage tags keep them), so sums are whole numbers, exact in any order.
    private const double Units = 10_000;

    // A transaction holds at most 100 entities: the hour row and 99 markers.
    private const int MarkersPerTransaction = 99;
    private const int Attempts = 20;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _firstHours = new(StringComparer.Ordinal);
    private readonly TableCreation _creation = new(table);

    /// <inheritdoc/>
    public async Task AddAsync(IReadOnlyList<AlertObservation> observations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observations);
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        foreach (IGrouping<AlertSeries, AlertObservation> series in observations.GroupBy(o => o.Series))
        {
            await RegisterAsync(series.Key, series.Min(o => o.Hour), cancellationToken).ConfigureAwait(false);
        }

        await Parallel.ForEachAsync(
            observations.GroupBy(o => (o.Series.Key, o.Hour)),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (group, ct) => await AddHourAsync(group.Key.Key, group.Key.Hour, [.. group.DistinctBy(o => o.MentionId)], ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AlertSeriesStart>> SeriesAsync(CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        List<(AlertSeries Series, DateTimeOffset First)> rows = [];
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {SeriesPartition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add((new AlertSeries(row.GetString("Source"), row.GetString("Term")), row.GetDateTimeOffset("FirstHour") ?? DateTimeOffset.MinValue));
        }

        Dictionary<string, DateTimeOffset> sources = rows.Where(r => r.Series.Term is null).ToDictionary(r => r.Series.Source, r => r.First, StringComparer.Ordinal);
        return [.. rows.Select(r => new AlertSeriesStart(r.Series, sources.TryGetValue(r.Series.Source, out DateTimeOffset first) && first < r.First ? first : r.First))];
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AlertHour>> ReadAsync(AlertSeries series, DateTimeOffset first, DateTimeOffset last, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(series);
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        List<AlertHour> hours = [];
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {series.Key} and RowKey ge {HourKey(first)} and RowKey le {HourKey(last)}");
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            hours.Add(HourOf(row));
        }

        return hours;
    }

    internal static string HourKey(DateTimeOffset hour) => "h" + hour.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    private static string MarkerKey(string mentionId) => "m|" + mentionId;

    private static long ToUnits(double score) => (long)Math.Round(Math.Clamp(score, -1, 1) * Units);

    private static AlertHour HourOf(TableEntity row)
    {
        DateTimeOffset hour = DateTimeOffset.ParseExact(row.RowKey[1..], "yyyyMMddHH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        HourTally tally = new(row.GetInt64("Negative") ?? 0, row.GetInt64("Scored") ?? 0, (row.GetInt64("ScoreSum") ?? 0) / Units, (row.GetInt64("ScoreSquares") ?? 0) / (Units * Units));
        return new AlertHour(hour, tally, ExamplesOf(row));
    }

    private static List<AlertExample> ExamplesOf(TableEntity? row)
        => row?.GetString("Examples") is { Length: > 0 } json ? JsonSerializer.Deserialize<List<AlertExample>>(json, DurableJson.Options) ?? [] : [];

    private async Task AddHourAsync(string partition, DateTimeOffset hour, List<AlertObservation> observations, CancellationToken cancellationToken)
    {
        for (int start = 0; start < observations.Count; start += MarkersPerTransaction)
        {
            List<AlertObservation> chunk = observations.GetRange(start, Math.Min(MarkersPerTransaction, observations.Count - start));
            for (int attempt = 1; ; attempt++)
            {
                // The first try takes every mention as new (the common case: no marker reads); once a transaction has
                // failed, a marker may be what failed it, so later tries read the markers first.
                if (await TryAddChunkAsync(partition, hour, chunk, readMarkers: attempt > 1, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                if (attempt == Attempts)
                {
                    throw new InvalidOperationException($"The alert counters of {partition} at {hour:O} kept changing under {Attempts} attempts; the recording is retried.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(10 * attempt, 200) + 1)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Counts the chunk's mentions not yet counted; false when a concurrent writer got in between (read again).</summary>
    private async Task<bool> TryAddChunkAsync(string partition, DateTimeOffset hour, List<AlertObservation> chunk, bool readMarkers, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> stored = await table.GetEntityIfExistsAsync<TableEntity>(partition, HourKey(hour), cancellationToken: cancellationToken).ConfigureAwait(false);
        bool[] counted = new bool[chunk.Count];
        await Parallel.ForEachAsync(
            readMarkers ? Enumerable.Range(0, chunk.Count) : [],
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, ct) => counted[i] = (await table.GetEntityIfExistsAsync<TableEntity>(partition, MarkerKey(chunk[i].MentionId), ["RowKey"], ct).ConfigureAwait(false)).HasValue).ConfigureAwait(false);
        List<AlertObservation> fresh = [.. chunk.Where((_, i) => !counted[i])];
        if (fresh.Count == 0)
        {
            return true;
        }

        TableEntity? before = stored.HasValue ? stored.Value : null;
        TableEntity row = new(partition, HourKey(hour))
        {
            ["Negative"] = (before?.GetInt64("Negative") ?? 0) + fresh.Count(o => o.Negative),
            ["Scored"] = (before?.GetInt64("Scored") ?? 0) + fresh.Count,
            ["ScoreSum"] = (before?.GetInt64("ScoreSum") ?? 0) + fresh.Sum(o => ToUnits(o.Score)),
            ["ScoreSquares"] = (before?.GetInt64("ScoreSquares") ?? 0) + fresh.Sum(o => ToUnits(o.Score) * ToUnits(o.Score)),
            ["Examples"] = JsonSerializer.Serialize(
                ExamplesOf(before).Concat(fresh.Select(o => o.Example)).DistinctBy(e => e.MentionId).OrderBy(e => e.Score).ThenBy(e => e.MentionId, StringComparer.Ordinal).Take(AlertHour.MaxExamples).ToList(),
                DurableJson.Options),
        };
        List<TableTransactionAction> actions =
        [
            before is null ? new(TableTransactionActionType.Add, row) : new(TableTransactionActionType.UpdateReplace, row, before.ETag),
            .. fresh.Select(o => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, MarkerKey(o.MentionId)))),
        ];
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Lists the series, and moves its first hour back when older mentions arrive (a source catching up).</summary>
    private async Task RegisterAsync(AlertSeries series, DateTimeOffset hour, CancellationToken cancellationToken)
    {
        if (_firstHours.TryGetValue(series.Key, out DateTimeOffset known) && known <= hour)
        {
            return;
        }

        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(SeriesPartition, series.Key, cancellationToken: cancellationToken).ConfigureAwait(false);
            TableEntity? stored = response.HasValue ? response.Value : null;
            DateTimeOffset? first = stored?.GetDateTimeOffset("FirstHour");
            if (first is { } f && f <= hour)
            {
                _firstHours[series.Key] = f;
                return;
            }

            TableEntity row = new(SeriesPartition, series.Key) { ["Source"] = series.Source, ["Term"] = series.Term, ["FirstHour"] = hour };
            try
            {
                if (stored is not null)
                {
                    await table.UpdateEntityAsync(row, stored.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                }

                _firstHours[series.Key] = hour;
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another writer registered it first: read again.
            }
        }
    }

    private Task EnsureAsync(CancellationToken cancellationToken) => _creation.EnsureAsync(cancellationToken);
}
