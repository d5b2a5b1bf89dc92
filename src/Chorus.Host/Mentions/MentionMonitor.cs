using System.Diagnostics;
using Chorus.Infrastructure.Mentions;
using Chorus.Mentions;
using Chorus.Telemetry;
using Cronos;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Mentions;

/// <summary>
/// Polls the enabled mention sources. <see cref="PollDueAsync"/> polls every source whose schedule
/// (<c>Mentions:Sources:{name}:Schedule</c>, cron with 5 or 6 fields, UTC) has come round since its last poll, as kept
/// in its cursor record (<see cref="MentionCursorStore"/>), so any caller on any clock drives every configured source:
/// the self-host's <see cref="MentionMonitorLoop"/> and the Azure Functions app's one-minute timer. A failing source
/// never holds up the others: the failure is logged with its name and counted, kept in its record (failures in a row,
/// the last error, when) for the Sources page, and the source is retried on its next occurrence (not before the pause it
/// asked for, if any). A paid source's read budget (X) is restored from its record before it is polled and saved back
/// with the record after, so a restart neither forgets this month's reads nor counts them twice.
/// </summary>
/// <remarks>
/// Scoped, like <see cref="MentionIntake"/> under it: the Azure Functions app binds a Durable client per invocation.
/// </remarks>
internal sealed partial class MentionMonitor(
    IEnumerable<IMentionSource> sources,
    MentionIntake intake,
    MentionCursorStore cursors,
    MentionSourceFactory factory,
    IOptions<MentionsOptions> options,
    ChorusMetrics metrics,
    TimeProvider time,
    ILogger<MentionMonitor> logger)
{
    /// <summary>The schedule of a source that has none configured (only disabled sources may lack one).</summary>
    internal const string DefaultSchedule = "*/5 * * * *";

    /// <summary>Polls one source now, whatever its schedule, until it is caught up (bounded); failures propagate.</summary>
    /// <returns>How many mentions were handed over.</returns>
    public async Task<int> PollAsync(string sourceName, CancellationToken cancellationToken)
    {
        IMentionSource source = sources.FirstOrDefault(s => s.Name == sourceName) ?? throw new ArgumentException($"No enabled mention source named '{sourceName}'.", nameof(sourceName));
        DateTimeOffset now = time.GetUtcNow();
        MentionCursor? record = RestoreBudget(source.Name, await cursors.ReadAsync(source.Name, cancellationToken));
        int taken;
        try
        {
            (taken, record) = await DrainAsync(source, record, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            MentionCursor? reached = await cursors.ReadAsync(source.Name, cancellationToken);
            await cursors.SaveAsync(source.Name, Failed(Polled(source.Name, reached, now, pausedUntil: null), ex, now), cancellationToken);
            throw;
        }

        await cursors.SaveAsync(source.Name, Succeeded(Polled(source.Name, record, now, pausedUntil: null)), cancellationToken);
        return taken;
    }

    /// <summary>
    /// Polls, concurrently, every source that is due at <paramref name="now"/>: never polled, or its schedule has an
    /// occurrence after its last poll and at or before <paramref name="now"/>, and no pause it asked for is running.
    /// Each polled source's record then says it was polled at <paramref name="now"/>.
    /// </summary>
    /// <returns>When the next source is due (<see cref="DateTimeOffset.MaxValue"/> without sources).</returns>
    public async Task<DateTimeOffset> PollDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        DateTimeOffset[] next = await Task.WhenAll(sources.Select(source => PollIfDueAsync(source, now, cancellationToken)));
        return next.Length == 0 ? DateTimeOffset.MaxValue : next.Min();
    }

    /// <summary>When a source on <paramref name="schedule"/> with <paramref name="record"/> is next due (at or before now: due).</summary>
    internal static DateTimeOffset DueAt(CronExpression schedule, MentionCursor? record)
    {
        DateTimeOffset due = record?.PolledAt is { } last ? schedule.GetNextOccurrence(last, TimeZoneInfo.Utc) ?? DateTimeOffset.MaxValue : DateTimeOffset.MinValue;
        if (record?.PausedUntil is { } until && until > due)
        {
            // Not before the pause ends, and then on the schedule.
            due = schedule.GetNextOccurrence(until, TimeZoneInfo.Utc, inclusive: true) ?? DateTimeOffset.MaxValue;
        }

        return due;
    }

    /// <summary>Parses a schedule (<see cref="CronSchedule"/>, the one form the options validator checks at start).</summary>
    internal static CronExpression ParseSchedule(string expression) => CronSchedule.Parse(expression);

    private CronExpression ScheduleOf(string source)
        => ParseSchedule(options.Value.Sources.TryGetValue(source, out MentionSourceOptions? configured) && !string.IsNullOrWhiteSpace(configured.Schedule) ? configured.Schedule : DefaultSchedule);

    private async Task<DateTimeOffset> PollIfDueAsync(IMentionSource source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        CronExpression schedule = ScheduleOf(source.Name);
        MentionCursor? record = await cursors.ReadAsync(source.Name, cancellationToken);
        DateTimeOffset due = DueAt(schedule, record);
        if (due > now)
        {
            return due;
        }

        record = RestoreBudget(source.Name, record);
        DateTimeOffset? pausedUntil = null;
        Exception? failure = null;
        using Activity? span = ChorusTracing.Source.StartActivity("poll mentions");
        span?.SetTag("chorus.mention.source", source.Name);
        try
        {
            (_, record) = await DrainAsync(source, record, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.PollFailed(source.Name);
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            if (ex is MentionSourceException { RetryAfter: { } pause })
            {
                pausedUntil = now + pause;
            }

            LogSourceFailed(logger, ex, source.Name);
            failure = ex;

            // Some batches may have been handed over (and their cursor saved) before the failure.
            record = await cursors.ReadAsync(source.Name, cancellationToken);
        }

        MentionCursor polled = failure is null ? Succeeded(Polled(source.Name, record, now, pausedUntil)) : Failed(Polled(source.Name, record, now, pausedUntil), failure, now);
        await cursors.SaveAsync(source.Name, polled, cancellationToken);
        return DueAt(schedule, polled);
    }

    /// <summary>Polls until caught up (at most 50 batches), handing over each batch before saving its cursor.</summary>
    private async Task<(int Taken, MentionCursor? Record)> DrainAsync(IMentionSource source, MentionCursor? record, CancellationToken cancellationToken)
    {
        int taken = 0;
        for (int round = 0; round < 50; round++)
        {
            MentionBatch batch = await source.PollAsync(record?.Cursor, cancellationToken);
            await intake.IntakeAsync(batch.Mentions, cancellationToken);
            if (batch.Cursor is not null && batch.Cursor != record?.Cursor)
            {
                record = (record ?? new MentionCursor(null, null)) with { Cursor = batch.Cursor, SavedAt = time.GetUtcNow() };
                await cursors.SaveAsync(source.Name, record, cancellationToken);
            }

            taken += batch.Mentions.Count;
            metrics.MentionsPolled(source.Name, batch.Mentions.Count);
            if (batch.CaughtUp || batch.Mentions.Count == 0)
            {
                break;
            }
        }

        return (taken, record);
    }

    private MentionCursor Polled(string source, MentionCursor? record, DateTimeOffset now, DateTimeOffset? pausedUntil)
        => (record ?? new MentionCursor(null, null)) with
        {
            PolledAt = now,
            PausedUntil = pausedUntil,
            ReadBudget = factory.TryGetReadBudget(source, out MonthlyReadBudget budget) ? budget.Usage : record?.ReadBudget,
        };

    private static MentionCursor Failed(MentionCursor record, Exception failure, DateTimeOffset now)
        => record with { ConsecutiveFailures = record.ConsecutiveFailures + 1, LastError = PollError.Of(failure), LastFailedAt = now };

    private static MentionCursor Succeeded(MentionCursor record) => record with { ConsecutiveFailures = 0, LastError = null };

    /// <summary>
    /// Hands a paid source's saved read count to its budget, which keeps the larger of the two: the first poll after a
    /// start takes the count back, and doing it before every poll counts nothing twice.
    /// </summary>
    private MentionCursor? RestoreBudget(string source, MentionCursor? record)
    {
        if (record?.ReadBudget is { } saved && factory.TryGetReadBudget(source, out MonthlyReadBudget budget))
        {
            budget.Restore(saved);
        }

        return record;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling mention source {Source} failed; it is retried when next due.")]
    private static partial void LogSourceFailed(ILogger logger, Exception exception, string source);
}
