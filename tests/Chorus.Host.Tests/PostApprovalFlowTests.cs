using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace Chorus.Host.Tests;

/// <summary>The staff-post flow end to end: HTTP, maildev, headless Chromium on the approval page, Azurite.</summary>
[Collection(HostCollection.Name)]
public sealed class PostApprovalFlowTests(LocalServicesFixture services)
{
    private const string NeedsReview = "Loving the new release at Chorus! #ChorusEmployee Details at https://elsewhere.example/launch";

    [Fact]
    public async Task A_post_is_approved_through_the_email_link_and_every_artefact_is_kept()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        Mailbox mail = new(services.Maildev.WebUri);
        string postId = await host.SubmitAsync(NeedsReview);

        ReceivedMail request = await mail.WaitForAsync(host.Approver("comms"), "Approve a post by Ada Author");
        Assert.Contains("elsewhere.example", request.Html, StringComparison.Ordinal);
        IPage page = await services.Browser.NewPageAsync();
        await page.GotoAsync(request.Link("Approve").ToString());
        Assert.Equal("Approve this post?", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Loving the new release", await page.Locator("blockquote").InnerTextAsync(), StringComparison.Ordinal);
        await host.WaitForStatusAsync(postId, "AwaitingApproval");

        await page.GetByLabel("Comment").FillAsync("Nice one — ship it.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve post" }).ClickAsync();
        Assert.Contains("Thanks", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);

        JsonElement status = await host.WaitForStatusAsync(postId, "Approved");
        Assert.Equal("Nice one — ship it.", status.GetProperty("decision").GetProperty("decisions")[0].GetProperty("comment").GetString());
        ReceivedMail outcome = await mail.WaitForAsync($"author-{host.Suffix}@chorus.test", "Your post was approved");
        Assert.Contains("Nice one — ship it.", outcome.Text, StringComparison.Ordinal);

        List<string> names = await host.ArtefactNamesAsync();
        string folder = $"posts/{postId[..4]}/{postId[4..6]}/{postId[6..8]}/{postId}/";
        foreach (string file in new[] { "submission.json", "sentiment.json", "findings.json", "plan.json", "outcome.json", "audit.jsonl" })
        {
            Assert.Contains(folder + file, names);
        }

        Assert.Contains(names, n => n.StartsWith(folder + "decisions/s1-", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith(folder + "emails/request-s1-", StringComparison.Ordinal) && n.EndsWith(".eml", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith(folder + "emails/outcome-s0-", StringComparison.Ordinal));
        string decision = (await host.Artefacts.GetBlobClient(names.First(n => n.Contains("/decisions/", StringComparison.Ordinal))).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("\"userAgent\"", decision, StringComparison.Ordinal);
        Assert.Contains("\"clientIp\":\"127.0.0.1\"", decision, StringComparison.Ordinal);

        // Approved for LinkedIn, where Chorus has no account: the author is sent the text to post by hand.
        await mail.WaitForAsync($"author-{host.Suffix}@chorus.test", "ready for you to publish on LinkedIn");
        string audit = (await host.Artefacts.GetBlobClient(folder + "audit.jsonl").DownloadContentAsync()).Value.Content.ToString();
        Assert.Equal(["submitted", "scored", "checked", "routed", "approval request", "decision", "approved", "publication planned", "left to the author"], audit.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("change").GetString()!));
    }

    [Fact]
    public async Task Repeating_a_submission_after_a_human_decided_it_answers_the_same_and_restarts_nothing()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        Mailbox mail = new(services.Maildev.WebUri);
        string body = host.PostBody(NeedsReview);
        async Task<(HttpStatusCode Status, string PostId)> SubmitAsync()
        {
            using HttpRequestMessage request = new(HttpMethod.Post, "api/posts") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", "decided-once");
            using HttpResponseMessage response = await host.Http.SendAsync(request);
            return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("postId").GetString()!);
        }

        (HttpStatusCode _, string postId) = await SubmitAsync();
        ReceivedMail request = await mail.WaitForAsync(host.Approver("comms"), "Approve a post");
        using HttpClient browser = new();
        using (HttpResponseMessage decided = await browser.PostAsync(request.Link("Approve"), new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "approve" })))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        await host.WaitForStatusAsync(postId, "Approved");
        await mail.WaitForAsync($"author-{host.Suffix}@chorus.test", "Your post was approved");

        (HttpStatusCode again, string sameId) = await SubmitAsync();
        Assert.Equal(HttpStatusCode.Accepted, again);
        Assert.Equal(postId, sameId);
        await Task.Delay(TimeSpan.FromSeconds(2)); // Time for a restarted review to show itself.
        Assert.Equal("Approved", (await host.WaitForStatusAsync(postId, "Approved")).GetProperty("status").GetString());
        using (CancellationTokenSource patience = new(TimeSpan.FromSeconds(30)))
        {
            await host.Orchestrations.WaitForInstanceCompletionAsync("post-" + postId, patience.Token);
        }

        Assert.Equal(1, await mail.CountAsync(host.Approver("comms"), "Approve a post"));
        Assert.Equal(1, await mail.CountAsync($"author-{host.Suffix}@chorus.test", "Your post was approved"));
        Microsoft.DurableTask.Client.OrchestrationMetadata? review = await host.Orchestrations.GetInstanceAsync("post-" + postId);
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, review?.RuntimeStatus);
    }

    [Fact]
    public async Task A_rejection_reaches_the_author_with_the_reviewers_comment()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        Mailbox mail = new(services.Maildev.WebUri);
        string postId = await host.SubmitAsync(NeedsReview);
        ReceivedMail request = await mail.WaitForAsync(host.Approver("comms"), "Approve a post");

        IPage page = await services.Browser.NewPageAsync();
        await page.GotoAsync(request.Link("Reject").ToString());
        await page.GetByLabel("Comment").FillAsync("Please link to our own site.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject post" }).ClickAsync();

        await host.WaitForStatusAsync(postId, "Rejected");
        ReceivedMail outcome = await mail.WaitForAsync($"author-{host.Suffix}@chorus.test", "Your post was not approved");
        Assert.Contains("Please link to our own site.", outcome.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comment_over_the_limit_is_refused_with_the_link_unused_and_line_breaks_count_as_kept()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        Mailbox mail = new(services.Maildev.WebUri);
        string postId = await host.SubmitAsync(NeedsReview);
        ReceivedMail request = await mail.WaitForAsync(host.Approver("comms"), "Approve a post");
        using HttpClient browser = new();
        async Task<(HttpStatusCode Status, string Page)> RejectAsync(string comment)
        {
            using HttpResponseMessage response = await browser.PostAsync(request.Link("Reject"), new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "reject", ["comment"] = comment }));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        (HttpStatusCode tooLong, string refusal) = await RejectAsync(new string('a', 2001));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.Contains("The comment is too long", refusal, StringComparison.Ordinal);
        Assert.Equal("AwaitingApproval", (await host.WaitForStatusAsync(postId, "AwaitingApproval")).GetProperty("status").GetString());

        // 1,000 lines typed in a browser arrive with CRLF breaks: 2,998 characters sent, 1,999 kept, so it fits.
        string lines = string.Join("\r\n", Enumerable.Repeat("b", 1000));
        (HttpStatusCode fits, _) = await RejectAsync(lines);
        Assert.Equal(HttpStatusCode.OK, fits);
        JsonElement status = await host.WaitForStatusAsync(postId, "Rejected");
        Assert.Equal(lines.ReplaceLineEndings("\n"), status.GetProperty("decision").GetProperty("decisions")[0].GetProperty("comment").GetString());
    }

    [Fact]
    public async Task An_approvers_own_post_goes_to_the_stages_backup_and_never_to_its_author()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        Mailbox mail = new(services.Maildev.WebUri);
        string postId = await host.SubmitAsync(NeedsReview, author: host.Approver("comms"));

        ReceivedMail request = await mail.WaitForAsync(host.Approver("backup"), "Approve a post by Ada Author");
        Assert.Equal(0, await mail.CountAsync(host.Approver("comms"), "Approve a post"));
        using HttpClient browser = new();
        using (HttpResponseMessage decided = await browser.PostAsync(request.Link("Approve"), new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "approve" })))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        JsonElement status = await host.WaitForStatusAsync(postId, "Approved");
        Assert.Equal(host.Approver("backup"), status.GetProperty("decision").GetProperty("decisions")[0].GetProperty("approver").GetString());
    }

    [Fact]
    public async Task A_post_only_its_author_could_approve_is_rejected_saying_why_and_the_check_says_so_first()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (settings, _) => settings.Remove("Posts:Review:Stages:0:Backups:0"));
        Mailbox mail = new(services.Maildev.WebUri);
        string author = host.Approver("comms");
        using (HttpResponseMessage checkedFirst = await host.Http.PostAsync("api/posts/check", new StringContent(host.PostBody(NeedsReview, author: author), System.Text.Encoding.UTF8, "application/json")))
        {
            JsonElement check = JsonDocument.Parse(await checkedFirst.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("AutoReject", check.GetProperty("route").GetString());
            Assert.Contains($"only its author, {author}, could approve it", check.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        string postId = await host.SubmitAsync(NeedsReview, author: author);
        JsonElement status = await host.WaitForStatusAsync(postId, "Rejected");
        Assert.Contains("Nobody approves their own post", status.GetProperty("decision").GetProperty("reason").GetString(), StringComparison.Ordinal);
        ReceivedMail outcome = await mail.WaitForAsync(author, "Your post was not approved");
        Assert.Contains("Nobody approves their own post", outcome.Text, StringComparison.Ordinal);
        Assert.Equal(0, await mail.CountAsync(author, "Approve a post"));
    }

    [Fact]
    public async Task With_first_to_respond_the_second_approver_is_told_it_is_already_decided()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (s, address) => s["Posts:Review:Stages:0:Approvers:1"] = address("second"));
        Mailbox mail = new(services.Maildev.WebUri);
        string postId = await host.SubmitAsync(NeedsReview);
        ReceivedMail first = await mail.WaitForAsync(host.Approver("comms"), "Approve a post");
        ReceivedMail second = await mail.WaitForAsync(host.Approver("second"), "Approve a post");

        IPage page = await services.Browser.NewPageAsync();
        await page.GotoAsync(first.Link("Approve").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve post" }).ClickAsync();
        await host.WaitForStatusAsync(postId, "Approved");

        IResponse? late = await page.GotoAsync(second.Link("Reject").ToString());
        Assert.Equal(409, late!.Status);
        Assert.Contains("already decided", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Approved", (await host.WaitForStatusAsync(postId, "Approved")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task With_everyone_must_approve_one_approval_is_not_enough()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (s, address) =>
        {
            s["Posts:Review:Stages:0:Mode"] = "Everyone";
            s["Posts:Review:Stages:0:Approvers:1"] = address("legal");
        });
        Mailbox mail = new(services.Maildev.WebUri);
        string postId = await host.SubmitAsync(NeedsReview);
        ReceivedMail comms = await mail.WaitForAsync(host.Approver("comms"), "Approve a post");
        ReceivedMail legal = await mail.WaitForAsync(host.Approver("legal"), "Approve a post");

        IPage page = await services.Browser.NewPageAsync();
        await page.GotoAsync(comms.Link("Approve").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve post" }).ClickAsync();
        await Task.Delay(1000);
        Assert.Equal("AwaitingApproval", (await host.WaitForStatusAsync(postId, "AwaitingApproval")).GetProperty("status").GetString());

        await page.GotoAsync(legal.Link("Approve").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve post" }).ClickAsync();
        JsonElement approved = await host.WaitForStatusAsync(postId, "Approved");
        Assert.Equal(2, approved.GetProperty("decision").GetProperty("decisions").GetArrayLength());
    }

    [Fact]
    public async Task A_mail_scanner_fetching_every_link_changes_nothing()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        Mailbox mail = new(services.Maildev.WebUri);
        string postId = await host.SubmitAsync(NeedsReview);
        ReceivedMail request = await mail.WaitForAsync(host.Approver("comms"), "Approve a post");

        // The request step finishes by keeping the email and an audit line; wait for them so only the scanner can change anything.
        List<string> before = await host.ArtefactNamesAsync();
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(20); !before.Any(n => n.Contains("/emails/request-", StringComparison.Ordinal)) || (await host.Artefacts.GetBlobClient(before.Single(n => n.EndsWith("audit.jsonl", StringComparison.Ordinal))).DownloadContentAsync()).Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length < 5; before = await host.ArtefactNamesAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, "the approval request was never fully recorded");
            await Task.Delay(100);
        }

        string auditBefore = (await host.Artefacts.GetBlobClient(before.Single(n => n.EndsWith("audit.jsonl", StringComparison.Ordinal))).DownloadContentAsync()).Value.Content.ToString();

        using HttpClient scanner = new();
        foreach (Uri link in request.Links)
        {
            for (int i = 0; i < 3; i++)
            {
                using HttpResponseMessage response = await scanner.GetAsync(link);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using HttpResponseMessage head = await scanner.SendAsync(new HttpRequestMessage(HttpMethod.Head, link));
            }
        }

        await Task.Delay(500);
        Assert.Equal("AwaitingApproval", (await host.WaitForStatusAsync(postId, "AwaitingApproval")).GetProperty("status").GetString());
        Assert.Equal(before.Order(), (await host.ArtefactNamesAsync()).Where(n => !n.StartsWith("approvals/", StringComparison.Ordinal)).Order());
        Assert.DoesNotContain(await host.ArtefactNamesAsync(), n => n.StartsWith("approvals/", StringComparison.Ordinal));
        Assert.Equal(auditBefore, (await host.Artefacts.GetBlobClient(before.Single(n => n.EndsWith("audit.jsonl", StringComparison.Ordinal))).DownloadContentAsync()).Value.Content.ToString());

        IPage page = await services.Browser.NewPageAsync();
        await page.GotoAsync(request.Link("Approve").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve post" }).ClickAsync();
        await host.WaitForStatusAsync(postId, "Approved");
    }

    [Fact]
    public async Task Tampered_reused_and_foreign_links_get_clear_pages_and_change_nothing()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        await using ChorusTestHost other = await ChorusTestHost.StartAsync(services);
        Mailbox mail = new(services.Maildev.WebUri);
        string postId = await host.SubmitAsync(NeedsReview);
        string otherId = await other.SubmitAsync(NeedsReview);
        ReceivedMail request = await mail.WaitForAsync(host.Approver("comms"), "Approve a post");
        ReceivedMail foreign = await mail.WaitForAsync(other.Approver("comms"), "Approve a post");
        using HttpClient browser = new();

        string approve = request.Link("Approve").ToString();
        string tampered = approve[..^3] + (approve[^3] == 'A' ? "B" : "A") + approve[^2..];
        using HttpResponseMessage bad = await browser.GetAsync(tampered);
        Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode);
        Assert.Contains("not valid", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using HttpResponseMessage garbage = await browser.GetAsync(new Uri(host.BaseUri, "approvals/not-a-token"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);

        // A link signed by another deployment's key is not valid here.
        string foreignToken = foreign.Link("Approve").AbsolutePath["/approvals/".Length..];
        using HttpResponseMessage alien = await browser.GetAsync(new Uri(host.BaseUri, "approvals/" + foreignToken));
        Assert.Equal(HttpStatusCode.Forbidden, alien.StatusCode);

        FormUrlEncodedContent form = new(new Dictionary<string, string> { ["action"] = "approve", ["comment"] = string.Empty });
        using HttpResponseMessage first = await browser.PostAsync(approve, form);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using HttpResponseMessage again = await browser.PostAsync(approve, new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "approve" }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using HttpResponseMessage reject = await browser.PostAsync(request.Link("Reject"), new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "reject" }));
        Assert.Equal(HttpStatusCode.Conflict, reject.StatusCode);

        await host.WaitForStatusAsync(postId, "Approved");
        Assert.Equal("AwaitingApproval", (await other.WaitForStatusAsync(otherId, "AwaitingApproval")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_approval_page_is_accessible_works_without_javascript_and_looks_right()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        Mailbox mail = new(services.Maildev.WebUri);
        await host.SubmitAsync(NeedsReview + " <script>alert(1)</script>");
        ReceivedMail request = await mail.WaitForAsync(host.Approver("comms"), "Approve a post");

        await using IBrowserContext noScript = await services.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 800, Height = 1000 } });
        IPage page = await noScript.NewPageAsync();
        IResponse? response = await page.GotoAsync(request.Link("Approve").ToString());
        Assert.Equal(200, response!.Status);
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.Contains("<script>alert(1)</script>", await page.Locator("blockquote").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.GetByLabel("Comment").CountAsync());
        Assert.Contains("Nothing", await page.Locator("main").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await page.Locator("form[method=post]").CountAsync());

        string shot = Path.Combine(Path.GetTempPath(), $"approval-page-{host.Suffix}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 10_000, "the screenshot is suspiciously small");

        // Keyboard only: focus the comment box, type, and submit with Enter on the button.
        await page.GetByLabel("Comment").FocusAsync();
        await page.Keyboard.TypeAsync("Typed with the keyboard.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("h1", new() { HasText = "Thanks" }).WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("Typed with the keyboard.", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }
}
