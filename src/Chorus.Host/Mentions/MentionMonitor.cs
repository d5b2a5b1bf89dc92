using System.Diagnostics.Metrics;
using Chorus.Mentions;
using Cronos;

namespace Chorus.Host.Mentions;

/// <summary>
/// Polls every enabled source on its cron schedule (<c>Mentions:Sources:{name}:Schedule</c>, 5 or 6 fields, UTC).
/// A failing source never holds up the others: the failure is logged with its name and counted, and the next poll
/// retries (later, when the source asked for a pause). The Azure Functions app calls <see cref="PollAsync"/> from
/// timer triggers instead of running this loop.
/// </summary>
internal sealed partial class MentionMonitor(
    IEnumerable<IMentionSource> sources,
    MentionIntake intake,
    MentionDigest digest,
    MentionCursorStore cursors,
    IConfiguration configuration,
    TimeProvider time,
    IMeterFactory meters,
    ILogger<MentionMonitor> logger) : BackgroundService
{
    // Not a valid source name, so it cannot clash with one.
    private const string DigestJob = "(digest)";

    private readonly Dictionary<string, DateTimeOffset> _pausedUntil = new(StringComparer.Ordinal);
    private readonly Counter<long> _failures = meters.Create("Chorus.Mentions").CreateCounter<long>("chorus.mentions.poll_failures");
    private readonly Counter<long> _taken = meters.Create("Chorus.Mentions").CreateCounter<long>("chorus.mentions.taken_in");

    /// <summary>Polls one source until it is caught up (bounded), handing over each batch before saving its cursor.</summary>
    public async Task<int> PollAsync(string sourceName, CancellationToken cancellationToken)
    {
        IMentionSource source = sources.FirstOrDefault(s => s.Name == sourceName) ?? throw new ArgumentException($"No enabled mention source named '{sourceName}'.", nameof(sourceName));
        int taken = 0;
        for (int round = 0; round < 50; round++)
        {
            string? cursor = await cursors.ReadAsync(source.Name, cancellationToken);
            MentionBatch batch = await source.PollAsync(cursor, cancellationToken);
            await intake.IntakeAsync(batch.Mentions, cancellationToken);
            if (batch.Cursor is not null && batch.Cursor != cursor)
            {
                await cursors.SaveAsync(source.Name, batch.Cursor, time.GetUtcNow(), cancellationToken);
            }

            taken += batch.Mentions.Count;
            _taken.Add(batch.Mentions.Count, new KeyValuePair<string, object?>("source", source.Name));
            if (batch.CaughtUp || batch.Mentions.Count == 0)
            {
                break;
            }
        }

        return taken;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Mentions:Monitor:Enabled", true))
        {
            return; // Timer triggers (Azure Functions) or a caller drive PollAsync instead.
        }

        Dictionary<string, CronExpression> schedules = [];
        foreach (IMentionSource source in sources)
        {
            string expression = configuration[$"Mentions:Sources:{source.Name}:Schedule"] ?? "*/5 * * * *";
            schedules[source.Name] = CronExpression.Parse(expression, expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }

        Dictionary<string, DateTimeOffset> due = schedules.ToDictionary(s => s.Key, s => time.GetUtcNow());
        if (digest.Recipients.Count > 0)
        {
            schedules[DigestJob] = CronExpression.Parse(digest.Schedule);
            due[DigestJob] = schedules[DigestJob].GetNextOccurrence(time.GetUtcNow(), TimeZoneInfo.Utc) ?? DateTimeOffset.MaxValue;
        }

        while (!stoppingToken.IsCancellationRequested && schedules.Count > 0)
        {
            DateTimeOffset now = time.GetUtcNow();
            foreach ((string name, DateTimeOffset at) in due.Where(d => d.Value <= now).ToList())
            {
                due[name] = schedules[name].GetNextOccurrence(now, TimeZoneInfo.Utc) ?? now.AddHours(1);
                if (_pausedUntil.TryGetValue(name, out DateTimeOffset until) && until > now)
                {
                    continue;
                }

                try
                {
                    if (name == DigestJob)
                    {
                        await digest.SendAsync(DateOnly.FromDateTime(now.UtcDateTime.AddDays(-1)), stoppingToken);
                        continue;
                    }

                    await PollAsync(name, stoppingToken);
                }
                catch (MentionSourceException ex)
                {
                    _failures.Add(1, new KeyValuePair<string, object?>("source", name));
                    if (ex.RetryAfter is { } pause)
                    {
                        _pausedUntil[name] = now + pause;
                    }

                    LogSourceFailed(logger, ex, name);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _failures.Add(1, new KeyValuePair<string, object?>("source", name));
                    LogSourceFailed(logger, ex, name);
                }
            }

            TimeSpan wait = due.Values.Min() - time.GetUtcNow();
            await Task.Delay(wait < TimeSpan.FromMilliseconds(200) ? TimeSpan.FromMilliseconds(200) : wait, time, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling mention source {Source} failed; it is retried on its next poll.")]
    private static partial void LogSourceFailed(ILogger logger, Exception exception, string source);
}
