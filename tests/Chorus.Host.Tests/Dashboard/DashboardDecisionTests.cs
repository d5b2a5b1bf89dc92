using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace Chorus.Host.Tests.Dashboard;

/// <summary>
/// Deciding from the dashboard takes the email links' single-use path: an approver decides with the keyboard alone, and
/// the emailed link then answers that it was already decided; a form without its antiforgery token is refused.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class DashboardDecisionTests(LocalServicesFixture services)
{
    [Fact]
    public async Task An_approver_decides_a_post_with_the_keyboard_and_the_email_link_then_says_it_was_decided()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        Mailbox mail = new(services.Maildev.WebUri);
        string postId = await host.SubmitAsync(DashboardPagesTests.NeedsReview);
        ReceivedMail request = await mail.WaitForAsync(host.Approver("comms"), "Approve a post");
        await host.WaitForStatusAsync(postId, "AwaitingApproval");

        await using IBrowserContext browser = await DashboardSession.SignInAsync(services, host);
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseUri, $"dashboard/posts/{postId}").ToString());

        // Keyboard only, from the top: the skip link first, then on to the comment box and the Approve button.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.GetByLabel("Comment (optional)").FocusAsync();
        await page.Keyboard.TypeAsync("Approved from the dashboard.");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Approve post", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#decision-result", new() { HasText = "Recorded: approve" }).WaitForAsync(new() { Timeout = 15_000 });

        JsonElement status = await host.WaitForStatusAsync(postId, "Approved");
        JsonElement decision = status.GetProperty("decision").GetProperty("decisions")[0];
        Assert.Equal(host.Approver("comms"), decision.GetProperty("approver").GetString());
        Assert.Equal("Approved from the dashboard.", decision.GetProperty("comment").GetString());

        // The email link's slot is the one just used: opening it says so, and its POST changes nothing.
        IPage link = await browser.NewPageAsync();
        IResponse? opened = await link.GotoAsync(request.Link("Reject").ToString());
        Assert.Equal(409, opened!.Status);
        Assert.Contains("already", await link.Locator("h1").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        using HttpClient plain = new();
        using HttpResponseMessage posted = await plain.PostAsync(request.Link("Reject"), new FormUrlEncodedContent([new("action", "reject")]));
        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.Equal("Approved", (await host.WaitForStatusAsync(postId, "Approved")).GetProperty("status").GetString());

        // The page shows the outcome and offers no decision any more.
        await page.ReloadAsync();
        Assert.Contains("Approved from the dashboard.", await page.Locator("#decisions").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Approve post" }).CountAsync());
    }

    [Fact]
    public async Task After_the_email_link_decided_the_page_offers_nothing_and_a_late_post_is_refused()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        Mailbox mail = new(services.Maildev.WebUri);
        string postId = await host.SubmitAsync(DashboardPagesTests.NeedsReview);
        ReceivedMail request = await mail.WaitForAsync(host.Approver("comms"), "Approve a post");
        await host.WaitForStatusAsync(postId, "AwaitingApproval");
        await using IBrowserContext browser = await DashboardSession.SignInAsync(services, host);
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseUri, $"dashboard/posts/{postId}").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject post" }).WaitForAsync();

        using HttpClient plain = new();
        using (HttpResponseMessage decided = await plain.PostAsync(request.Link("Approve"), new FormUrlEncodedContent([new("action", "approve")])))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        // The form was loaded before the email link decided; sending it now is refused, and nothing changes.
        await page.GetByLabel("Comment (optional)").FillAsync("Too late.");
        IResponse response = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Reject post" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(409, response.Status);
        Assert.Contains("Nothing", await page.Locator("#decision-result").InnerTextAsync(), StringComparison.Ordinal);
        JsonElement status = await host.WaitForStatusAsync(postId, "Approved");
        Assert.Equal(1, status.GetProperty("decision").GetProperty("decisions").GetArrayLength());
    }

    [Fact]
    public async Task A_decision_without_the_antiforgery_token_is_refused()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        string postId = await host.SubmitAsync(DashboardPagesTests.NeedsReview);
        await host.WaitForStatusAsync(postId, "AwaitingApproval");
        await using IBrowserContext browser = await DashboardSession.SignInAsync(services, host);

        // The browser's own cookies, sent without the form's token, as a forged cross-site form would.
        IAPIResponse forged = await browser.APIRequest.PostAsync(new Uri(host.BaseUri, $"dashboard/posts/{postId}").ToString(), new() { Form = browser.APIRequest.CreateFormData() });
        Assert.Equal(400, forged.Status);
        await Task.Delay(1000);
        Assert.Equal("AwaitingApproval", (await host.WaitForStatusAsync(postId, "AwaitingApproval")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_team_member_dismisses_a_flagged_mention_from_its_page()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (s, address) => s["Dashboard:SignIn:Email"] = address("care"));
        Mailbox mail = new(services.Maildev.WebUri);
        string today = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await DashboardPagesTests.PostMentionAsync(host, $$"""{"source":"crm","id":"ticket-9","author":{"handle":"@ada","reach":120},"text":"Chorus charged me twice. Terrible service, I want a refund.","language":"en","createdAt":"{{today}}"}""");
        ReceivedMail request = await mail.WaitForAsync(host.Approver("care"), "Mention on crm needs your team");
        string mentionId = await DashboardPagesTests.FlaggedMentionIdAsync(host, "crm");

        await using IBrowserContext browser = await DashboardSession.SignInAsync(services, host);
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseUri, $"dashboard/mentions/crm/{mentionId}").ToString());
        Assert.Equal(1, await page.GetByLabel("Reply (sent with Respond, and reviewed like a post)").CountAsync());
        await page.GetByLabel("Comment (optional)").FillAsync("Handled by phone.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dismiss mention" }).ClickAsync();
        await page.Locator("#decision-result", new() { HasText = "Recorded: dismiss" }).WaitForAsync(new() { Timeout = 15_000 });

        for (DateTime deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(250))
        {
            JsonElement detail = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<JsonElement>(host.Http, $"api/mentions/crm/{mentionId}");
            if (detail.GetProperty("state").GetString() == "dismiss")
            {
                Assert.Equal("Handled by phone.", detail.GetProperty("decision").GetProperty("comment").GetString());
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the dismissal never reached the mention");
        }

        IPage link = await browser.NewPageAsync();
        IResponse? opened = await link.GotoAsync(request.Link("Respond").ToString());
        Assert.Equal(409, opened!.Status);
    }

    [Fact]
    public async Task A_team_member_responds_from_the_page_with_a_reply_that_then_shows_with_its_review()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (s, address) => s["Dashboard:SignIn:Email"] = address("care"));
        Mailbox mail = new(services.Maildev.WebUri);
        string written = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await DashboardPagesTests.PostMentionAsync(host, $$"""{"source":"crm","id":"ticket-11","author":{"handle":"@bo"},"text":"Chorus charged me twice. Terrible service, I want a refund.","language":"en","createdAt":"{{written}}"}""");
        await mail.WaitForAsync(host.Approver("care"), "Mention on crm needs your team");
        string mentionId = await DashboardPagesTests.FlaggedMentionIdAsync(host, "crm");

        await using IBrowserContext browser = await DashboardSession.SignInAsync(services, host);
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseUri, $"dashboard/mentions/crm/{mentionId}").ToString());

        // An empty reply is refused, with nothing recorded and the form still there.
        await page.GetByRole(AriaRole.Button, new() { Name = "Respond to mention" }).ClickAsync();
        Assert.Contains("Your reply was not sent", await page.Locator("#decision-result").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByLabel("Reply (sent with Respond, and reviewed like a post)").FillAsync("Sorry about that, we have refunded the second charge.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Respond to mention" }).ClickAsync();
        await page.Locator("#decision-result", new() { HasText = "Recorded: respond" }).WaitForAsync(new() { Timeout = 15_000 });

        for (DateTime deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(500))
        {
            await page.ReloadAsync();
            if (await page.Locator("#reply-text").CountAsync() == 1)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the reply never showed on the mention's page");
        }

        Assert.Equal("Sorry about that, we have refunded the second charge.", await page.Locator("#reply-text").InnerTextAsync());
        Assert.Contains("Review", await page.Locator("#reply-facts").InnerTextAsync(), StringComparison.Ordinal);
        await DashboardSession.ScreenshotAsync(page, "mention-replied");
    }
}
