using System.Globalization;
using Chorus.Approvals;
using Chorus.Host.Dashboard.Charts;
using Chorus.Mentions.Alerts;
using Chorus.Mentions.Listing;
using Chorus.Posts;
using Chorus.Posts.Listing;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chorus.Host.Dashboard.Overview;

/// <summary>
/// The overview: approvals waiting (per stage and approver, oldest first), posts by outcome over the last 30 days,
/// mentions per day by sentiment label per source with the mean sentiment, the flagged queue, and the latest alerts.
/// Every part is one read of a compact read model, never a scan of the artefacts.
/// </summary>
internal sealed class IndexModel(IWaitingApprovals waiting, IPostDays postDays, IMentionDays mentionDays, IFlaggedMentions flagged, IAlertLog alerts, TimeProvider time) : PageModel
{
    public const int Days = 30;
    public const int FlaggedShown = 20;
    public const int AlertsShown = 10;

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<WaitingApproval> Waiting { get; private set; } = [];

    public IReadOnlyList<WaitingGroup> WaitingGroups { get; private set; } = [];

    public ChartData PostsChart { get; private set; } = new(string.Empty, [], []);

    public IReadOnlyList<SourceChart> MentionCharts { get; private set; } = [];

    public IReadOnlyList<FlaggedMention> Flagged { get; private set; } = [];

    public IReadOnlyList<AlertLogEntry> Alerts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        DateOnly last = DateOnly.FromDateTime(Now.UtcDateTime), first = last.AddDays(1 - Days);
        List<DateOnly> days = [.. Enumerable.Range(0, Days).Select(first.AddDays)];
        List<string> labels = [.. days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))];

        // Independent reads, side by side.
        Task<IReadOnlyList<WaitingApproval>> waitingRead = waiting.ListAsync(cancellationToken);
        Task<IReadOnlyList<PostDay>> postsRead = postDays.ReadAsync(first, last, cancellationToken);
        Task<IReadOnlyList<MentionDay>> mentionsRead = mentionDays.ReadAsync(first, last, cancellationToken);
        Task<IReadOnlyList<FlaggedMention>> flaggedRead = flagged.LatestAsync(FlaggedShown, cancellationToken);
        Task<(IReadOnlyList<AlertLogEntry> Alerts, bool More)> alertsRead = alerts.PageAsync(null, AlertsShown, cancellationToken);

        Waiting = [.. (await waitingRead).OrderBy(w => w.RequestedAt).ThenBy(w => w.Item.ItemId, StringComparer.Ordinal)];
        WaitingGroups = [.. Waiting
            .GroupBy(w => (w.Stage.Name, w.Approver))
            .Select(g => new WaitingGroup(g.Key.Name, g.Key.Approver, g.Count(), g.Min(w => w.RequestedAt)))
            .OrderBy(g => g.OldestSince)];

        Dictionary<DateOnly, PostDay> posts = (await postsRead).ToDictionary(d => d.Day);
        PostsChart = new ChartData(
            $"Posts by outcome, {labels[0]} to {labels[^1]} (by day submitted)",
            labels,
            [.. Enum.GetValues<PostStatus>().Select(status => new ChartSeries(
                StatusName(status),
                status.ToString().ToLowerInvariant(),
                [.. days.Select(d => (double?)(posts.TryGetValue(d, out PostDay? day) && day.Counts.TryGetValue(status, out long n) ? n : 0))]))]);

        IReadOnlyList<MentionDay> mentions = await mentionsRead;
        MentionCharts = [.. mentions.GroupBy(m => m.Source).OrderBy(g => g.Key, StringComparer.Ordinal).Select(source =>
        {
            Dictionary<DateOnly, MentionDay> byDay = source.ToDictionary(m => m.Day);
            List<ChartSeries> series = [.. MentionListEntry.Labels.Select(label => new ChartSeries(
                label,
                label,
                [.. days.Select(d => (double?)(byDay.TryGetValue(d, out MentionDay? day) && day.Labels.TryGetValue(label, out long n) ? n : 0))]))];
            series.Add(new ChartSeries("Mean sentiment", "mean", [.. days.Select(d => byDay.TryGetValue(d, out MentionDay? day) && day.MeanScore is { } mean ? Math.Round(mean, 3) : (double?)null)], Line: true));
            return new SourceChart(source.Key, new ChartData($"Mentions on {source.Key} per day by sentiment, with the mean sentiment", labels, series));
        })];

        Flagged = await flaggedRead;
        Alerts = (await alertsRead).Alerts;
    }

    /// <summary>How long something has waited, to the minute: "2 d 3 h", "4 h 5 min", "12 min".</summary>
    public string Age(DateTimeOffset since)
    {
        TimeSpan age = Now - since;
        return age.TotalDays >= 1 ? $"{(int)age.TotalDays} d {age.Hours} h"
            : age.TotalHours >= 1 ? $"{(int)age.TotalHours} h {age.Minutes} min"
            : $"{Math.Max(0, (int)age.TotalMinutes)} min";
    }

    /// <summary>A post status as people read it.</summary>
    public static string StatusName(PostStatus status) => status switch
    {
        PostStatus.AwaitingApproval => "Awaiting approval",
        _ => status.ToString(),
    };
}

/// <summary>The approvals one approver has waiting in one stage: how many, and since when the oldest.</summary>
internal sealed record WaitingGroup(string Stage, string Approver, int Count, DateTimeOffset OldestSince);

/// <summary>One source's mentions chart.</summary>
internal sealed record SourceChart(string Source, ChartData Chart);
