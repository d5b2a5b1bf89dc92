using Cronos;

namespace Chorus.Host.Mentions;

/// <summary>
/// The self-host's clock for the mention monitor: polls the sources that are due (<see cref="MentionMonitor.PollDueAsync"/>)
/// and sends the daily digest on <c>Mentions:Digest:Schedule</c>, sleeping until the next of them (at most a minute, so
/// a record another poller moved is read again). Off with <c>Mentions:Monitor:Enabled=false</c>, for callers that drive
/// the monitor themselves. The Azure Functions app has timer triggers instead.
/// </summary>
internal sealed partial class MentionMonitorLoop(
    IServiceScopeFactory scopes,
    MentionDigest digest,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<MentionMonitorLoop> logger) : BackgroundService
{
    private static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Mentions:Monitor:Enabled", true))
        {
            return;
        }

        CronExpression? digestSchedule = digest.Recipients.Count > 0 ? MentionMonitor.ParseSchedule(digest.Schedule) : null;
        DateTimeOffset nextDigest = digestSchedule?.GetNextOccurrence(time.GetUtcNow(), TimeZoneInfo.Utc) ?? DateTimeOffset.MaxValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset now = time.GetUtcNow();
            DateTimeOffset nextPoll = now + LongestWait;
            try
            {
                // A scope per round: the monitor and intake are scoped services.
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                nextPoll = await scope.ServiceProvider.GetRequiredService<MentionMonitor>().PollDueAsync(now, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, ex);
            }

            if (nextDigest <= now)
            {
                nextDigest = digestSchedule!.GetNextOccurrence(now, TimeZoneInfo.Utc) ?? DateTimeOffset.MaxValue;
                try
                {
                    await digest.SendAsync(DateOnly.FromDateTime(now.UtcDateTime.AddDays(-1)), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogDigestFailed(logger, ex);
                }
            }

            DateTimeOffset next = nextPoll < nextDigest ? nextPoll : nextDigest;
            TimeSpan wait = next == DateTimeOffset.MaxValue ? LongestWait : next - time.GetUtcNow();
            await Task.Delay(wait < ShortestWait ? ShortestWait : wait > LongestWait ? LongestWait : wait, time, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of mention polling failed; the next round retries.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending the mention digest failed; it is sent on its next occurrence.")]
    private static partial void LogDigestFailed(ILogger logger, Exception exception);
}
