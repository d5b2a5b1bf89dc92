using Microsoft.Extensions.Time.Testing;

namespace Chorus.Host.Tests;

/// <summary>Reminders, escalation and expiry, on a clock the test moves.</summary>
[Collection(HostCollection.Name)]
public sealed class PostClockTests(LocalServicesFixture services)
{
    private const string NeedsReview = "Big news from Chorus today! #ChorusEmployee https://elsewhere.example/x";

    [Fact]
    public async Task An_unanswered_request_is_reminded_then_escalated_and_the_backup_can_decide()
    {
        FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, clock);
        Mailbox mail = new(services.Maildev.WebUri);
        string postId = await host.SubmitAsync(NeedsReview);
        await mail.WaitForAsync(host.Approver("comms"), "Approve a post");
        await host.WaitForStatusAsync(postId, "AwaitingApproval");
        await Task.Delay(300);

        clock.Advance(TimeSpan.FromDays(1));
        await mail.WaitForAsync(host.Approver("comms"), "Reminder: approve a post");
        Assert.Equal(0, await mail.CountAsync(host.Approver("backup"), "Escalated"));
        await Task.Delay(300);

        clock.Advance(TimeSpan.FromDays(1));
        ReceivedMail escalation = await mail.WaitForAsync(host.Approver("backup"), "Escalated: approve a post");

        using HttpClient browser = new();
        using HttpResponseMessage decided = await browser.PostAsync(escalation.Link("Approve"), new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "approve", ["comment"] = "Covering for comms." }));
        Assert.Equal(System.Net.HttpStatusCode.OK, decided.StatusCode);
        await host.WaitForStatusAsync(postId, "Approved");
    }

    [Fact]
    public async Task A_post_nobody_decides_expires_and_the_author_is_told()
    {
        FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, clock);
        Mailbox mail = new(services.Maildev.WebUri);
        string postId = await host.SubmitAsync(NeedsReview);
        ReceivedMail request = await mail.WaitForAsync(host.Approver("comms"), "Approve a post");
        await host.WaitForStatusAsync(postId, "AwaitingApproval");
        foreach (TimeSpan step in new[] { TimeSpan.FromDays(1), TimeSpan.FromDays(1), TimeSpan.FromDays(3) })
        {
            await Task.Delay(400);
            clock.Advance(step);
        }

        await host.WaitForStatusAsync(postId, "Expired");
        await mail.WaitForAsync($"author-{host.Suffix}@chorus.test", "expired without a decision");

        using HttpClient browser = new();
        using HttpResponseMessage late = await browser.GetAsync(request.Link("Approve"));
        Assert.True(late.StatusCode is System.Net.HttpStatusCode.Gone or System.Net.HttpStatusCode.Conflict, $"got {(int)late.StatusCode}");
    }
}
