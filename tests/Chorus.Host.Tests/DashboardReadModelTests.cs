using System.Net;
using Chorus.Approvals;
using Chorus.Mentions.Listing;
using Chorus.Posts;
using Chorus.Posts.Listing;
using Microsoft.Extensions.DependencyInjection;

namespace Chorus.Host.Tests;

/// <summary>
/// The dashboard's read models kept up to date by the real flows: a post waiting on its approver and gone once decided
/// through the email link, a flagged mention waiting in the queue and moving on the team's decision, and the day
/// counters counting both; on the self-host, Azurite and maildev.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class DashboardReadModelTests(LocalServicesFixture services)
{
    private const string NeedsReview = "Loving the new release at Chorus! #ChorusEmployee Details at https://elsewhere.example/launch";
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_post_waits_on_its_approver_until_decided_through_the_email_link_and_its_day_counts_it()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        IWaitingApprovals waiting = host.Services.GetRequiredService<IWaitingApprovals>();
        Mailbox mail = new(services.Maildev.WebUri);
        string postId = await host.SubmitAsync(NeedsReview);
        ReceivedMail request = await mail.WaitForAsync(host.Approver("comms"), "Approve a post by Ada Author");

        WaitingApproval row = Assert.Single(await waiting.ListAsync());
        Assert.Equal(new ApprovalItem("post", postId, NeedsReview), row.Item);
        Assert.Equal((1, "Communications"), (row.Stage.Number, row.Stage.Name));
        Assert.True(row.Stage.ExpiresAt > DateTimeOffset.UtcNow);
        Assert.Equal(host.Approver("comms"), row.Approver);
        Assert.InRange(row.RequestedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);

        using HttpClient browser = new();
        using (HttpResponseMessage decided = await browser.PostAsync(request.Link("Approve"), new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "approve" })))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        // Taken off when the decision is delivered, before the review concludes.
        Assert.Empty(await waiting.ListAsync());
        await host.WaitForStatusAsync(postId, "Approved");
        Assert.Empty(await waiting.ListAsync());

        DateOnly today = DateOnly.FromDateTime(DateTime.UtcNow);
        PostDay day = Assert.Single(await host.Services.GetRequiredService<IPostDays>().ReadAsync(today.AddDays(-1), today.AddDays(1)));
        Assert.Equal(new Dictionary<PostStatus, long> { [PostStatus.Approved] = 1 }, day.Counts);
    }

    [Fact]
    public async Task A_flagged_mention_waits_in_the_queue_and_on_its_team_and_moves_on_a_decision()
    {
        await using FakeFeedServer feed = await FakeFeedServer.StartAsync();
        feed.Add("m1", "Chorus is lovely, great support team!", Start);
        feed.Add("m2", "Chorus charged me twice. Terrible service, I want a refund.", Start.AddMinutes(1));
        feed.Add("m3", "Is the Chorus meetup on Thursday?", Start.AddDays(1));
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (s, _) =>
        {
            s["Mentions:Sources:alerts:Kind"] = "Rss";
            s["Mentions:Sources:alerts:Endpoint"] = feed.Feed.ToString();
            s["Mentions:Sources:alerts:Schedule"] = "* * * * * *";
        });
        IWaitingApprovals waiting = host.Services.GetRequiredService<IWaitingApprovals>();
        IFlaggedMentions flagged = host.Services.GetRequiredService<IFlaggedMentions>();
        Mailbox mail = new(services.Maildev.WebUri);
        ReceivedMail triage = await mail.WaitForAsync(host.Approver("care"), "Mention on alerts needs your team");

        FlaggedMention queued = Assert.Single(await flagged.LatestAsync(10));
        Assert.Equal("awaiting", queued.State);
        Assert.Equal(("alerts", "negative"), (queued.Entry.Source, queued.Entry.Label));
        Assert.Contains("refund", queued.Entry.Text, StringComparison.Ordinal);
        WaitingApproval row = Assert.Single(await waiting.ListAsync());
        Assert.Equal(("mention", $"alerts/{queued.Entry.MentionId}", 1, "Customer care", host.Approver("care")), (row.Item.Subject, row.Item.ItemId, row.Stage.Number, row.Stage.Name, row.Approver));
        Assert.StartsWith("Chorus charged me twice.", row.Item.Summary, StringComparison.Ordinal);

        using HttpClient browser = new();
        using (HttpResponseMessage decided = await browser.PostAsync(triage.Link("Dismiss"), new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "dismiss" })))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        Assert.Empty(await waiting.ListAsync());
        using CancellationTokenSource patience = new(TimeSpan.FromSeconds(60));
        while ((await flagged.LatestAsync(10))[0].State != "dismiss")
        {
            await Task.Delay(200, patience.Token);
        }

        IReadOnlyList<MentionDay> days = await host.Services.GetRequiredService<IMentionDays>().ReadAsync(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 21));
        Assert.Equal([new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 21)], days.Select(d => d.Day));
        Assert.All(days, d => Assert.Equal("alerts", d.Source));
        Assert.Equal(2, days[0].Labels.Values.Sum());
        Assert.Equal(1, days[0].Labels["negative"]);
        Assert.Equal(2, days[0].Scored);
        Assert.NotNull(days[0].MeanScore);
        Assert.Equal(1, days[1].Labels.Values.Sum());
    }
}
