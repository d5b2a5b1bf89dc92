using Chorus.Functions.Durable;
using Chorus.Host.Mentions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Chorus.Functions.Functions;

/// <summary>
/// The mention monitor on timers. One timer every minute polls whichever configured sources are due: each source keeps
/// its own schedule (<c>Mentions:Sources:{name}:Schedule</c>, as in the self-host) and its last poll in its cursor
/// record, so a source of any name and kind works without a function of its own (<see cref="MentionMonitor.PollDueAsync"/>);
/// a schedule finer than a minute is polled every minute here. The daily digest of positive mentions runs on
/// <c>Mentions:Digest:Schedule</c> (six-field NCRONTAB, UTC) as in the self-host, about the previous day.
/// </summary>
internal sealed class MonitorFunctions(MentionDigest digest, TimeProvider time)
{
    /// <summary>The poll timer's schedule (NCRONTAB, seconds first): every minute, on the minute.</summary>
    public const string PollSchedule = "0 */1 * * * *";

    /// <summary>Polls the sources that are due.</summary>
    [Function("PollMentions")]
    public async Task PollMentions([TimerTrigger(PollSchedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        // The monitor is resolved only once the client is bound: its intake starts triage orchestrations.
        InvocationDurableClient.Bind(context.InstanceServices, client);
        await context.InstanceServices.GetRequiredService<MentionMonitor>().PollDueAsync(time.GetUtcNow(), context.CancellationToken);
    }

    /// <summary>Sends the digest of yesterday's positive mentions (once per day; nothing without recipients).</summary>
    [Function("SendMentionDigest")]
    public Task SendDigest([TimerTrigger("%" + MentionDigestOptions.ScheduleSetting + "%")] TimerInfo timer, FunctionContext context)
        => digest.SendAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(-1)), context.CancellationToken);
}
