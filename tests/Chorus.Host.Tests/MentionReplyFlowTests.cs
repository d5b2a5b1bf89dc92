using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Chorus.Host.Tests;

/// <summary>
/// Replies end to end: a flagged mention, the triage email, the Respond page's reply box in Chromium, the reply's review
/// as a staff post (approved by rule, or by the care stage through its email), and both APIs linking each other.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class MentionReplyFlowTests(LocalServicesFixture services)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private const string CleanReply = "Thank you for telling us. We have refunded the second charge and it will show within three days.";

    /// <summary>The stages as the shipped appsettings.json has them: Communications for posts, Care for replies.</summary>
    private static void Stages(Dictionary<string, string?> s, Func<string, string> address)
    {
        s["Posts:Review:Stages:0:Kinds:0"] = "post";
        s["Posts:Review:Stages:1:Name"] = "Care";
        s["Posts:Review:Stages:1:Approvers:0"] = address("care-lead");
        s["Posts:Review:Stages:1:Kinds:0"] = "reply";
    }

    [Fact]
    public async Task A_reply_written_on_the_Respond_page_is_reviewed_as_a_staff_post_and_the_mention_and_the_post_link_each_other()
    {
        await using FakeFeedServer feed = await FakeFeedServer.StartAsync();
        feed.Add("m2", "Chorus charged me twice. Terrible service, I want a refund.", Start);
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (s, address) =>
        {
            s["Mentions:Sources:alerts:Kind"] = "Rss";
            s["Mentions:Sources:alerts:Endpoint"] = feed.Feed.ToString();
            s["Mentions:Sources:alerts:Schedule"] = "* * * * * *";
            Stages(s, address);
        });
        Mailbox mail = new(services.Maildev.WebUri);
        ReceivedMail triage = await mail.WaitForAsync(host.Approver("care"), "Mention on alerts needs your team");
        Uri respond = triage.Link("Respond");
        string mentionId = await WaitForMentionAsync(host, "alerts");
        string mentionFolder = $"mentions/alerts/2026/11/20/{mentionId}/";
        await WaitForAuditAsync(host, mentionFolder, "team request");

        // Opening the link, as a mail scanner does and as often as it likes, writes nothing.
        List<string> before = await host.ArtefactNamesAsync();
        using HttpClient browser = new();
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage shown = await browser.GetAsync(respond);
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        }

        Assert.Equal(before.Order(), (await host.ArtefactNamesAsync()).Order());

        // A reply that cannot be sent comes back on the same page with what was typed, and the link still works.
        string tooLong = "@social.example " + new string('x', 5001);
        foreach ((string text, string problem) in new[] { ("   \r\n ", "The text is empty."), (tooLong, "the most accepted is 5,000") })
        {
            using HttpResponseMessage refused = await browser.PostAsync(respond, Form("respond", text, "Kept comment."));
            string page = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(problem, page, StringComparison.Ordinal);
            Assert.Equal(text.ReplaceLineEndings("\n"), ReplyBox(page));
            Assert.Contains(">Kept comment.</textarea>", page, StringComparison.Ordinal);
        }

        Assert.Equal(before.Order(), (await host.ArtefactNamesAsync()).Order());

        // The page, without JavaScript: the mention quoted, the reply box labelled and prefilled, sent with the keyboard.
        await using IBrowserContext noScript = await services.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        IPage tab = await noScript.NewPageAsync();
        IResponse? opened = await tab.GotoAsync(respond.ToString());
        Assert.Equal(200, opened!.Status);
        Assert.Equal("Respond to this mention?", await tab.Locator("h1").InnerTextAsync());
        Assert.Contains("I want a refund", await tab.Locator("blockquote").InnerTextAsync(), StringComparison.Ordinal);
        ILocator box = tab.GetByLabel("Your reply to post by hand");
        Assert.Equal("social.example ", await box.InputValueAsync());
        Assert.Contains("post it by hand", await tab.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await box.FocusAsync();
        await tab.Keyboard.PressAsync("End");
        await tab.Keyboard.TypeAsync(CleanReply);
        await tab.Keyboard.PressAsync("Tab");
        await tab.Keyboard.TypeAsync("Also called her.");
        await tab.Keyboard.PressAsync("Tab");
        await tab.Keyboard.PressAsync("Enter");
        await tab.Locator("h1", new() { HasText = "Thanks" }).WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains(CleanReply, await tab.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        // The mention shows its reply, which a clean text gets approved by rule; the reply shows its mention.
        JsonElement mention = await WaitForReplyStatusAsync(host, "alerts", mentionId, "Approved");
        Assert.Equal("respond", mention.GetProperty("state").GetString());
        JsonElement reply = mention.GetProperty("reply");
        string postId = reply.GetProperty("postId").GetString()!;
        Assert.Equal($"/api/posts/{postId}", reply.GetProperty("url").GetString());
        Assert.Equal("social.example " + CleanReply, reply.GetProperty("text").GetString());
        Assert.Equal(["other"], reply.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Approved", reply.GetProperty("outcome").GetProperty("status").GetString());
        await WaitForAuditAsync(host, mentionFolder, "reply approved");
        string[] steps = [.. (await host.Http.GetFromJsonAsync<JsonElement>($"api/mentions/alerts/{mentionId}")).GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("change").GetString()!)];
        Assert.Contains("reply submitted", steps);
        Assert.Contains("reply approved", steps);

        JsonElement post = await host.WaitForStatusAsync(postId, "Approved");
        Assert.Equal("Reply", post.GetProperty("kind").GetString());
        Assert.Equal(host.Approver("care"), post.GetProperty("author").GetProperty("email").GetString());
        Assert.Equal("Customer care", post.GetProperty("author").GetProperty("team").GetString());
        Assert.Equal(["other"], post.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        JsonElement target = post.GetProperty("inReplyTo");
        Assert.Equal(("alerts", mentionId, "m2", "https://social.example/m2", $"/api/mentions/alerts/{mentionId}"), (
            target.GetProperty("source").GetString(),
            target.GetProperty("mentionId").GetString(),
            target.GetProperty("sourceId").GetString(),
            target.GetProperty("url").GetString(),
            target.GetProperty("mentionUrl").GetString()));
        await mail.WaitForAsync(host.Approver("care"), "Your reply was approved");

        // The same link again, and its sibling, are already used: no second reply, no second decision.
        using HttpResponseMessage again = await browser.PostAsync(respond, Form("respond", "A second answer.", null));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using HttpResponseMessage dismiss = await browser.PostAsync(triage.Link("Dismiss"), Form("dismiss", null, null));
        Assert.Equal(HttpStatusCode.Conflict, dismiss.StatusCode);
        List<string> names = await host.ArtefactNamesAsync();
        Assert.Single(names, n => n.StartsWith("posts/", StringComparison.Ordinal) && n.EndsWith("/submission.json", StringComparison.Ordinal));
        Assert.Contains(mentionFolder + "reply.json", names);
        string submission = (await host.Artefacts.GetBlobClient($"posts/{postId[..4]}/{postId[4..6]}/{postId[6..8]}/{postId}/submission.json").DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("\"kind\":\"Reply\"", submission, StringComparison.Ordinal);
        Assert.Contains($"\"inReplyTo\":{{\"source\":\"alerts\",\"mentionId\":\"{mentionId}\",\"sourceId\":\"m2\"", submission, StringComparison.Ordinal);
        Assert.Single((await host.Http.GetFromJsonAsync<JsonElement>("api/posts")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_reply_with_something_flagged_goes_to_the_care_stage_and_is_approved_through_its_email()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (s, address) =>
        {
            // A Mastodon source parked (disabled): mentions pushed under its name are Mastodon's, and so are replies to them.
            s["Mentions:Sources:masto:Kind"] = "Mastodon";
            s["Mentions:Sources:masto:Enabled"] = "false";
            Stages(s, address);
        });
        const string Body = """{"source":"masto","id":"109348","url":"https://mastodon.example/@jane/109348","author":{"handle":"jane@mastodon.example","name":"Jane"},"text":"Chorus lost my order again. Refund me now.","createdAt":"2026-11-21T10:00:00Z"}""";
        using HttpResponseMessage pushed = await host.Http.PostAsync("api/mentions", new StringContent(Body, Encoding.UTF8, "application/json"));
        string mentionId = (await pushed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mentionId").GetString()!;
        Mailbox mail = new(services.Maildev.WebUri);
        ReceivedMail triage = await mail.WaitForAsync(host.Approver("care"), "Mention on masto needs your team");

        IPage page = await services.Browser.NewPageAsync();
        await page.GotoAsync(triage.Link("Respond").ToString());
        ILocator box = page.GetByLabel("Your reply on Mastodon");
        Assert.Equal("@jane@mastodon.example ", await box.InputValueAsync());
        await box.FillAsync("@jane@mastodon.example Sorry! Track it at https://elsewhere.example/track and we will refund you.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply for review" }).ClickAsync();
        await page.Locator("h1", new() { HasText = "Thanks" }).WaitForAsync();

        // A link outside the allowed domains needs a person: the Care stage, not Communications, is asked.
        ReceivedMail request = await mail.WaitForAsync(host.Approver("care-lead"), "Approve a reply");
        Assert.Contains("elsewhere.example", request.Html, StringComparison.Ordinal);
        Assert.Contains("In reply to: https://mastodon.example/@jane/109348", request.Text, StringComparison.Ordinal);
        string postId = (await WaitForReplyStatusAsync(host, "masto", mentionId, "AwaitingApproval")).GetProperty("reply").GetProperty("postId").GetString()!;
        JsonElement waiting = await host.WaitForStatusAsync(postId, "AwaitingApproval");
        Assert.Equal("Care", waiting.GetProperty("stage").GetString());
        Assert.Equal(["mastodon"], waiting.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(("109348", "https://mastodon.example/@jane/109348"), (waiting.GetProperty("inReplyTo").GetProperty("sourceId").GetString(), waiting.GetProperty("inReplyTo").GetProperty("url").GetString()));
        Assert.Equal("Care", (await host.Http.GetFromJsonAsync<JsonElement>($"api/mentions/masto/{mentionId}")).GetProperty("reply").GetProperty("stage").GetString());

        await page.GotoAsync(request.Link("Approve").ToString());
        Assert.Equal("Approve this reply?", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Chorus lost my order again", await page.Locator("dl").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve post" }).ClickAsync();
        JsonElement mention = await WaitForReplyStatusAsync(host, "masto", mentionId, "Approved");
        JsonElement decided = Assert.Single(mention.GetProperty("reply").GetProperty("outcome").GetProperty("decisions").EnumerateArray());
        Assert.Equal(host.Approver("care-lead"), decided.GetProperty("approver").GetString());
        Assert.Equal(0, await mail.CountAsync(host.Approver("comms"), "Approve a"));
    }

    [Fact]
    public async Task A_reply_recorded_by_a_process_that_died_before_delivering_it_is_made_when_the_link_is_used_again()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: Stages);
        const string Body = """{"source":"crm","id":"ticket-9","author":{"handle":"@ada"},"text":"Chorus is a scam, I want a refund.","createdAt":"2026-11-21T10:00:00Z"}""";
        using HttpResponseMessage pushed = await host.Http.PostAsync("api/mentions", new StringContent(Body, Encoding.UTF8, "application/json"));
        string mentionId = (await pushed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mentionId").GetString()!;
        Mailbox mail = new(services.Maildev.WebUri);
        Uri respond = (await mail.WaitForAsync(host.Approver("care"), "Mention on crm needs your team")).Link("Respond");
        await WaitForAuditAsync(host, $"mentions/crm/2026/11/21/{mentionId}/", "team request");

        // What a POST that died between its two steps leaves: the slot used, with the reply, and nothing delivered.
        Chorus.Approvals.ApprovalTokenClaims claims = host.Services.GetRequiredService<Chorus.Approvals.ApprovalTokenSigner>().Verify(respond.AbsolutePath["/approvals/".Length..]).Claims!;
        Chorus.Approvals.ApprovalDecisionRecord recorded = Chorus.Approvals.ApprovalDecisionRecord.ForClaims(claims, null, DateTimeOffset.UtcNow, null, null, "@ada We are sorry. Send us a direct message and we will sort it out.");
        Assert.True(await host.Services.GetRequiredService<Chorus.Approvals.IApprovalLedger>().TryConsumeAsync(claims, recorded));

        using HttpClient browser = new();
        using HttpResponseMessage retried = await browser.PostAsync(respond, Form("respond", "A different text typed on the retry.", null));
        Assert.Equal(HttpStatusCode.Conflict, retried.StatusCode);

        // The reply is made before the decision reaches triage, so a mention decided "respond" has it.
        JsonElement mention = await WaitForStateAsync(host, "crm", mentionId, "respond");
        Assert.Equal(recorded.Reply, mention.GetProperty("reply").GetProperty("text").GetString());
        Assert.Single(await host.ArtefactNamesAsync(), n => n.EndsWith("/submission.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_long_reply_in_a_non_Latin_script_and_a_long_comment_fit_the_form_and_an_unreadable_form_is_refused_with_the_link_unused()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: Stages);
        const string Body = """{"source":"crm","id":"ticket-jp","author":{"handle":"@ada"},"text":"Chorus is a scam, I want a refund.","createdAt":"2026-11-21T10:00:00Z"}""";
        using HttpResponseMessage pushed = await host.Http.PostAsync("api/mentions", new StringContent(Body, Encoding.UTF8, "application/json"));
        string mentionId = (await pushed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mentionId").GetString()!;
        Mailbox mail = new(services.Maildev.WebUri);
        Uri respond = (await mail.WaitForAsync(host.Approver("care"), "Mention on crm needs your team")).Link("Respond");
        using HttpClient browser = new();

        // A NUL no browser sends makes the form unreadable: a page that says so (it was a 500), and the link stays unused.
        using (HttpResponseMessage nul = await browser.PostAsync(respond, new StringContent("action=respond&reply=%40ada+hi&comment=a%00b", Encoding.ASCII, "application/x-www-form-urlencoded")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
            Assert.Contains("This form could not be read", await nul.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // 5,000 characters of Japanese (9 bytes each once percent-encoded) and a 2,000-character comment: 63 KB.
        string reply = "@ada " + string.Concat(Enumerable.Repeat("ご迷惑をおかけして申し訳ございません。", 300))[..4_995];
        string comment = new('も', 2_000);
        using (HttpResponseMessage sent = await browser.PostAsync(respond, Form("respond", reply, comment)))
        {
            Assert.True(sent.StatusCode == HttpStatusCode.OK, $"{(int)sent.StatusCode}: {await sent.Content.ReadAsStringAsync()}");
        }

        JsonElement mention = await WaitForStateAsync(host, "crm", mentionId, "respond");
        Assert.Equal(reply, mention.GetProperty("reply").GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_reply_api_answers_a_mention_once_on_the_composers_path_and_refuses_what_it_cannot_take()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: Stages);
        const string Body = """{"source":"crm","id":"ticket-12","author":{"handle":"@ada"},"text":"Chorus is a scam, I want a refund.","createdAt":"2026-11-21T10:00:00Z"}""";
        using HttpResponseMessage pushed = await host.Http.PostAsync("api/mentions", new StringContent(Body, Encoding.UTF8, "application/json"));
        string mentionId = (await pushed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mentionId").GetString()!;
        await WaitForAuditAsync(host, $"mentions/crm/2026/11/21/{mentionId}/", "team request");
        string route = $"api/mentions/crm/{mentionId}/replies";
        string author = $$"""{"email":"desk-{{host.Suffix}}@chorus.test","displayName":"Desk Agent","team":"Customer care"}""";
        string Reply(string text) => $$"""{"author":{{author}},"text":{{JsonSerializer.Serialize(text)}}}""";
        const string Text = "@ada Thanks for telling us. Send us a direct message with your order number.";

        using HttpResponseMessage accepted = await host.Http.PostAsync(route, new StringContent(Reply(Text), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        string postId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("postId").GetString()!;
        Assert.Equal($"/api/posts/{postId}", accepted.Headers.Location?.ToString());
        using HttpResponseMessage repeated = await host.Http.PostAsync(route, new StringContent(Reply(Text), Encoding.UTF8, "application/json"));
        Assert.Equal(postId, (await repeated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("postId").GetString());
        using HttpResponseMessage another = await host.Http.PostAsync(route, new StringContent(Reply("@ada Something else."), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, another.StatusCode);
        Assert.Contains(postId, (await another.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        foreach ((string body, string field) in new[] { (Reply("  "), "text"), ($$"""{"author":{{author}},"text":"hi","channels":["x"]}""", "channels"), ("""{"author":{"email":"nope"},"text":"hi"}""", "author.email") })
        {
            using HttpResponseMessage refused = await host.Http.PostAsync(route, new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
        }

        using HttpResponseMessage unknown = await host.Http.PostAsync("api/mentions/crm/20261121-00000000000000000000000000000000/replies", new StringContent(Reply(Text), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using HttpClient anonymous = new() { BaseAddress = host.BaseUri };
        using HttpResponseMessage unauthenticated = await anonymous.PostAsync(route, new StringContent(Reply(Text), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);

        JsonElement mention = await WaitForReplyStatusAsync(host, "crm", mentionId, "Approved");
        Assert.Equal(postId, mention.GetProperty("reply").GetProperty("postId").GetString());
        JsonElement post = await host.WaitForStatusAsync(postId, "Approved");
        Assert.Equal(("Reply", "Desk Agent", "ticket-12"), (post.GetProperty("kind").GetString(), post.GetProperty("author").GetProperty("displayName").GetString(), post.GetProperty("inReplyTo").GetProperty("sourceId").GetString()));

        // The team's Respond link no longer offers a second reply: it shows the one there is and records the decision.
        Mailbox mail = new(services.Maildev.WebUri);
        Uri respond = (await mail.WaitForAsync(host.Approver("care"), "Mention on crm needs your team")).Link("Respond");
        using HttpClient browser = new();
        string page = await browser.GetStringAsync(respond);
        Assert.DoesNotContain("name=\"reply\"", page, StringComparison.Ordinal);
        Assert.Contains("Already answered", page, StringComparison.Ordinal);
        using HttpResponseMessage decided = await browser.PostAsync(respond, Form("respond", null, null));
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("respond", (await WaitForStateAsync(host, "crm", mentionId, "respond")).GetProperty("state").GetString());
        Assert.Single(await host.ArtefactNamesAsync(), n => n.EndsWith("/submission.json", StringComparison.Ordinal));
    }

    /// <summary>What the page's reply box holds, as a browser reads it (the line break after the start tag is not content).</summary>
    private static string ReplyBox(string page)
        => WebUtility.HtmlDecode(Regex.Match(page, "<textarea id=\"reply\"[^>]*>\n(.*?)</textarea>", RegexOptions.Singleline).Groups[1].Value);

    private static FormUrlEncodedContent Form(string action, string? reply, string? comment)
    {
        Dictionary<string, string> fields = new() { ["action"] = action };
        if (reply is not null)
        {
            fields["reply"] = reply;
        }

        if (comment is not null)
        {
            fields["comment"] = comment;
        }

        return new FormUrlEncodedContent(fields);
    }

    private static async Task<string> WaitForMentionAsync(ChorusTestHost host, string source)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            JsonElement list = await host.Http.GetFromJsonAsync<JsonElement>($"api/mentions?source={source}");
            if (list.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("needsAttention").GetBoolean()) is { ValueKind: JsonValueKind.Object } flagged)
            {
                return flagged.GetProperty("mentionId").GetString()!;
            }

            Assert.True(DateTime.UtcNow < deadline, "the flagged mention was never listed");
            await Task.Delay(200);
        }
    }

    private static async Task<JsonElement> WaitForReplyStatusAsync(ChorusTestHost host, string source, string mentionId, string status)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(40);
        JsonElement mention = default;
        while (DateTime.UtcNow < deadline)
        {
            mention = await host.Http.GetFromJsonAsync<JsonElement>($"api/mentions/{source}/{mentionId}");
            if (mention.GetProperty("reply") is { ValueKind: JsonValueKind.Object } reply && reply.GetProperty("status").GetString() == status)
            {
                return mention;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The reply to {source}/{mentionId} never reached {status}; last: {mention}");
    }

    private static async Task<JsonElement> WaitForStateAsync(ChorusTestHost host, string source, string mentionId, string state)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            JsonElement mention = await host.Http.GetFromJsonAsync<JsonElement>($"api/mentions/{source}/{mentionId}");
            if (mention.GetProperty("state").GetString() == state)
            {
                return mention;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the mention never reached '{state}'; last: {mention}");
            await Task.Delay(200);
        }
    }

    private static async Task WaitForAuditAsync(ChorusTestHost host, string folder, string change)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            Azure.Storage.Blobs.BlobClient audit = host.Artefacts.GetBlobClient(folder + "audit.jsonl");
            if (await audit.ExistsAsync() && (await audit.DownloadContentAsync()).Value.Content.ToString().Contains($"\"change\":\"{change}\"", StringComparison.Ordinal))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the mention's audit never recorded '{change}'");
            await Task.Delay(200);
        }
    }
}
