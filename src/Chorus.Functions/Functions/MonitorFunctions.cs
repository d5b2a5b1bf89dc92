using Chorus.Functions.Orchestration;
using Chorus.Host.Mentions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Chorus.Functions.Functions;

/// <summary>
/// The mention monitor on timers: one function per source, named after the source and scheduled by the same setting
/// the self-host's monitor reads (<c>Mentions:Sources:{name}:Schedule</c>), each calling the self-host's
/// <see cref="MentionMonitor.PollAsync"/>. On Azure a source is configured under one of these names (its Kind is free);
/// a name that is not used is configured with <c>Enabled=false</c> and its function disabled
/// (<c>AzureWebJobs.PollMentions_{name}.Disabled=true</c>), which infra/modules/functionapp.bicep does. Azure Functions
/// schedules are NCRONTAB with six fields (seconds first). The daily digest of positive mentions runs on
/// <c>Mentions:Digest:Schedule</c> as in the self-host, about the previous day (UTC).
/// </summary>
internal sealed class MonitorFunctions(MentionMonitor monitor, MentionDigest digest, TimeProvider time, BoundDurableClient durable)
{
    /// <summary>Sends the digest of yesterday's positive mentions (once per day; nothing without recipients).</summary>
    [Function("SendMentionDigest")]
    public Task SendDigest([TimerTrigger("%Mentions:Digest:Schedule%")] TimerInfo timer, FunctionContext context)
        => digest.SendAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(-1)), context.CancellationToken);

    /// <summary>Polls the source named <c>rss</c>.</summary>
    [Function("PollMentions_rss")]
    public Task PollRss([TimerTrigger("%Mentions:Sources:rss:Schedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
        => PollAsync("rss", client, context);

    /// <summary>Polls the source named <c>mastodon</c>.</summary>
    [Function("PollMentions_mastodon")]
    public Task PollMastodon([TimerTrigger("%Mentions:Sources:mastodon:Schedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
        => PollAsync("mastodon", client, context);

    /// <summary>Polls the source named <c>bluesky</c>.</summary>
    [Function("PollMentions_bluesky")]
    public Task PollBluesky([TimerTrigger("%Mentions:Sources:bluesky:Schedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
        => PollAsync("bluesky", client, context);

    /// <summary>Polls the source named <c>hackernews</c>.</summary>
    [Function("PollMentions_hackernews")]
    public Task PollHackerNews([TimerTrigger("%Mentions:Sources:hackernews:Schedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
        => PollAsync("hackernews", client, context);

    /// <summary>Polls the source named <c>x</c>.</summary>
    [Function("PollMentions_x")]
    public Task PollX([TimerTrigger("%Mentions:Sources:x:Schedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
        => PollAsync("x", client, context);

    private async Task PollAsync(string source, DurableTaskClient client, FunctionContext context)
    {
        durable.Use(client);
        await monitor.PollAsync(source, context.CancellationToken);
    }
}
