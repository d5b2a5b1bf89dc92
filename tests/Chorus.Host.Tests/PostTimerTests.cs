using System.Net.Http.Json;
using System.Text.Json;

namespace Chorus.Host.Tests;

/// <summary>
/// Reminders, escalation and expiry on the real Durable Task timers, with review durations of seconds. Each test also
/// proves that no timer fires early: the audit entry a phase writes after its email (full-precision activity clock)
/// never comes before the submission time plus that phase.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class PostTimerTests(LocalServicesFixture services)
{
    private const string NeedsReview = "Big news from Chorus today! #ChorusEmployee https://elsewhere.example/x";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task An_unanswered_request_is_reminded_then_escalated_and_the_backup_can_decide()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: ShortReview(expireAfter: TimeSpan.FromMinutes(5)));
        Mailbox mail = new(services.Maildev.WebUri);
        string postId = await host.SubmitAsync(NeedsReview);
        DateTimeOffset submitted = await SubmittedAtAsync(host, postId);
        await mail.WaitForAsync(host.Approver("comms"), "Approve a post");
        await host.WaitForStatusAsync(postId, "AwaitingApproval");

        await mail.WaitForAsync(host.Approver("comms"), "Reminder: approve a post");
        ReceivedMail escalation = await mail.WaitForAsync(host.Approver("backup"), "Escalated: approve a post");
        await AssertNotBeforeAsync(host, postId, "reminder-s1", submitted + Step);
        await AssertNotBeforeAsync(host, postId, "escalation-s1", submitted + Step + Step);

        using HttpClient browser = new();
        using HttpResponseMessage decided = await browser.PostAsync(escalation.Link("Approve"), new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "approve", ["comment"] = "Covering for comms." }));
        Assert.Equal(System.Net.HttpStatusCode.OK, decided.StatusCode);
        await host.WaitForStatusAsync(postId, "Approved");
    }

    [Fact]
    public async Task A_post_nobody_decides_expires_and_the_author_is_told()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: ShortReview(expireAfter: Step));
        Mailbox mail = new(services.Maildev.WebUri);
        string postId = await host.SubmitAsync(NeedsReview);
        DateTimeOffset submitted = await SubmittedAtAsync(host, postId);
        ReceivedMail request = await mail.WaitForAsync(host.Approver("comms"), "Approve a post");

        await host.WaitForStatusAsync(postId, "Expired", TimeSpan.FromSeconds(60));
        await mail.WaitForAsync($"author-{host.Suffix}@chorus.test", "expired without a decision");
        await AssertNotBeforeAsync(host, postId, "concluded", submitted + (3 * Step));

        using HttpClient browser = new();
        using HttpResponseMessage late = await browser.GetAsync(request.Link("Approve"));
        Assert.True(late.StatusCode is System.Net.HttpStatusCode.Gone or System.Net.HttpStatusCode.Conflict, $"got {(int)late.StatusCode}");
    }

    private static Action<Dictionary<string, string?>, Func<string, string>> ShortReview(TimeSpan expireAfter) => (settings, _) =>
    {
        settings["Posts:Review:ReminderAfter"] = Step.ToString();
        settings["Posts:Review:EscalateAfter"] = Step.ToString();
        settings["Posts:Review:ExpireAfter"] = expireAfter.ToString();
    };

    private static async Task AssertNotBeforeAsync(ChorusTestHost host, string postId, string entryId, DateTimeOffset earliest)
    {
        JsonElement post = await host.Http.GetFromJsonAsync<JsonElement>($"api/posts/{postId}");
        JsonElement entry = post.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("entryId").GetString() == entryId);
        DateTimeOffset at = entry.GetProperty("at").GetDateTimeOffset();
        Assert.True(at >= earliest, $"'{entryId}' happened at {at:O}, before {earliest:O}: a timer fired early.");
    }

    private static async Task<DateTimeOffset> SubmittedAtAsync(ChorusTestHost host, string postId)
    {
        JsonElement post = await host.WaitForStatusAsync(postId, "AwaitingApproval");
        return post.GetProperty("submittedAt").GetDateTimeOffset();
    }
}
