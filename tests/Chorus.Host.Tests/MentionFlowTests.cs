using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Chorus.Host.Tests;

/// <summary>Mentions end to end: a local feed, the monitor, triage by email, Chromium, artefacts in Azurite.</summary>
[Collection(HostCollection.Name)]
public sealed class MentionFlowTests(LocalServicesFixture services)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_negative_mention_is_triaged_by_email_and_dismissed_and_a_restart_skips_and_repeats_nothing()
    {
        await using FakeFeedServer feed = await FakeFeedServer.StartAsync();
        feed.Add("m1", "Chorus is lovely, great support team!", Start);
        feed.Add("m2", "Chorus charged me twice. Terrible service, I want a refund.", Start.AddMinutes(1));
        feed.Add("m3", "Is the Chorus meetup on Thursday?", Start.AddMinutes(2));
        void Configure(Dictionary<string, string?> s, Func<string, string> address)
        {
            s["Mentions:Sources:alerts:Kind"] = "Rss";
            s["Mentions:Sources:alerts:Endpoint"] = feed.Feed.ToString();
            s["Mentions:Sources:alerts:Schedule"] = "* * * * * *";
            s["Mentions:Digest:Recipients:0"] = address("staff");
        }

        Mailbox mail = new(services.Maildev.WebUri);
        string suffix;
        await using (ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: Configure))
        {
            suffix = host.Suffix;
            ReceivedMail triage = await mail.WaitForAsync(host.Approver("care"), "Mention on alerts needs your team");
            Assert.Contains("refund", triage.Text, StringComparison.Ordinal);
            Assert.Contains("Negative sentiment", triage.Text, StringComparison.Ordinal);

            IPage page = await services.Browser.NewPageAsync();
            await page.GotoAsync(triage.Link("Dismiss").ToString());
            Assert.Equal("Dismiss this mention?", await page.Locator("h1").InnerTextAsync());
            Assert.Contains("https://social.example/m2", await page.Locator("main").InnerHTMLAsync(), StringComparison.Ordinal);
            await page.GetByLabel("Comment").FillAsync("Handled by phone.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Dismiss mention" }).ClickAsync();
            Assert.Contains("Thanks", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
            await WaitForArtefactAsync(host, "/outcome.json", 1);

            JsonElement list = await host.Http.GetFromJsonAsync<JsonElement>("api/mentions?source=alerts");
            Assert.Equal(3, list.GetProperty("items").GetArrayLength());
            JsonElement flagged = Assert.Single(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("needsAttention").GetBoolean());

            // The mention is no dead end after the decision: its detail has the decision, who made it, the comment, every step.
            JsonElement detail = await host.Http.GetFromJsonAsync<JsonElement>($"api/mentions/alerts/{flagged.GetProperty("mentionId").GetString()}");
            Assert.Equal("dismiss", detail.GetProperty("state").GetString());
            Assert.Equal("Customer care", detail.GetProperty("team").GetString());
            Assert.Equal(host.Approver("care"), detail.GetProperty("decision").GetProperty("approver").GetString());
            Assert.Equal("Handled by phone.", detail.GetProperty("decision").GetProperty("comment").GetString());
            Assert.Equal("Negative", detail.GetProperty("sentiment").GetProperty("label").GetString());
            Assert.Contains("refund", detail.GetProperty("text").GetString(), StringComparison.Ordinal);
            string[] steps = [.. detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("change").GetString()!)];
            Assert.True(steps.Length >= 3, string.Join(", ", steps));
            JsonElement calm = await host.Http.GetFromJsonAsync<JsonElement>($"api/mentions/alerts/{list.GetProperty("items").EnumerateArray().First(i => !i.GetProperty("needsAttention").GetBoolean()).GetProperty("mentionId").GetString()}");
            Assert.Equal("recorded", calm.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, calm.GetProperty("decision").ValueKind);
            foreach (string missing in new[] { "alerts/20261120-00000000000000000000000000000000", "alerts/nonsense", "..%2Fcursors/20261120-00000000000000000000000000000000", "other/" + flagged.GetProperty("mentionId").GetString() })
            {
                using HttpResponseMessage notFound = await host.Http.GetAsync("api/mentions/" + missing);
                Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
            }
        }

        feed.Add("m4", "Switched to Chorus last week, no complaints.", Start.AddMinutes(3));
        await using (ChorusTestHost restarted = await ChorusTestHost.StartAsync(services, configure: Configure, suffix: suffix))
        {
            await WaitForArtefactAsync(restarted, "/triage.json", 4);
            await Task.Delay(2500); // a few more polls: nothing may be taken twice
            List<string> names = await restarted.ArtefactNamesAsync();
            Assert.Equal(4, names.Count(n => n.EndsWith("/mention.json", StringComparison.Ordinal)));
            Assert.Equal(1, await mail.CountAsync(restarted.Approver("care"), "Mention on alerts needs your team"));
            string outcome = names.Single(n => n.EndsWith("/outcome.json", StringComparison.Ordinal));
            string folder = outcome[..outcome.LastIndexOf('/')];
            Assert.StartsWith("mentions/alerts/2026/11/20/", folder, StringComparison.Ordinal);
            foreach (string file in new[] { "/mention.json", "/triage.json", "/audit.jsonl" })
            {
                Assert.Contains(folder + file, names);
            }

            Assert.Contains(names, n => n.StartsWith(folder + "/decisions/", StringComparison.Ordinal));
            Assert.Contains(names, n => n.StartsWith(folder + "/emails/request-", StringComparison.Ordinal));
            Assert.Contains("dismiss", (await restarted.Artefacts.GetBlobClient(outcome).DownloadContentAsync()).Value.Content.ToString(), StringComparison.Ordinal);
            Assert.Contains("\"cursor\"", (await restarted.Artefacts.GetBlobClient("cursors/alerts.json").DownloadContentAsync()).Value.Content.ToString(), StringComparison.OrdinalIgnoreCase);

            JsonElement summary = await restarted.Http.GetFromJsonAsync<JsonElement>("api/mentions/summary?from=2026-11-01&to=2026-11-30");
            JsonElement day = Assert.Single(summary.GetProperty("days").EnumerateArray());
            Assert.Equal(4, day.GetProperty("count").GetInt32());
            Assert.Equal(1, day.GetProperty("flagged").GetInt32());
            Assert.Equal("2026-11-20", day.GetProperty("day").GetString());

            Chorus.Host.Mentions.MentionDigest digest = restarted.Services.GetRequiredService<Chorus.Host.Mentions.MentionDigest>();
            int listed = await digest.SendAsync(new DateOnly(2026, 11, 20), CancellationToken.None);
            ReceivedMail sent = await mail.WaitForAsync(restarted.Approver("staff"), "Positive mentions on 2026-11-20");
            Assert.Contains("great support team", sent.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("refund", sent.Text, StringComparison.Ordinal);
            Assert.True(listed >= 1);
            Assert.Equal(0, await digest.SendAsync(new DateOnly(2026, 11, 20), CancellationToken.None));
        }
    }

    [Fact]
    public async Task The_http_inbox_validates_takes_a_mention_once_and_flags_wide_reach()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        const string Good = """{"source":"crm","id":"ticket-1","author":{"handle":"@big","name":"Big Account","reach":250000},"text":"Trying Chorus today.","createdAt":"2026-11-21T10:00:00Z","url":"https://crm.example/t/1"}""";
        using HttpResponseMessage first = await host.Http.PostAsync("api/mentions", new StringContent(Good, Encoding.UTF8, "application/json"));
        using HttpResponseMessage again = await host.Http.PostAsync("api/mentions", new StringContent(Good, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("flagged", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("duplicate", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        ReceivedMail mail = await new Mailbox(services.Maildev.WebUri).WaitForAsync(host.Approver("care"), "Mention on crm");
        Assert.Contains("250,000", mail.Text, StringComparison.Ordinal);

        foreach ((string body, string field) in new[]
        {
            ("""{"id":"x","author":{"handle":"@a"},"text":"hi","createdAt":"2026-11-21T10:00:00Z","mood":1}""", "mood"),
            ("""{"author":{"handle":"@a"},"text":"hi","createdAt":"2026-11-21T10:00:00Z"}""", "id"),
            ("""{"source":"../etc","id":"x","author":{"handle":"@a"},"text":"hi","createdAt":"2026-11-21T10:00:00Z"}""", "source"),
            ("""{"id":"x","author":{"handle":"@a","reach":-1},"text":"hi","createdAt":"2026-11-21T10:00:00Z"}""", "author.reach"),
            ("""{"id":"x","author":{"handle":"@a"},"text":"hi","createdAt":"yesterday"}""", "createdAt"),
            ("""{"id":"x","author":{"handle":"@a"},"text":"hi","createdAt":"Mon, 30 Nov 2026 10:00:00 +0000"}""", "createdAt"),
            ("""{"id":"x","author":{"handle":"@a"},"text":"hi","createdAt":"0001-01-01T00:00:00Z"}""", "createdAt"),
            ("""{"id":"x","author":{"handle":"@a"},"text":"hi","createdAt":"2026-11-21T10:00:00"}""", "createdAt"),
            ("""{"id":"   ","author":{"handle":"@a"},"text":"hi","createdAt":"2026-11-21T10:00:00Z"}""", "id"),
            ("""{"id":"x","author":{"handle":"@a"},"text":"hi","createdAt":"2026-11-21T10:00:00Z","url":"javascript:alert(1)"}""", "url"),
        })
        {
            using HttpResponseMessage refused = await host.Http.PostAsync("api/mentions", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
        }

        using HttpClient anonymous = new() { BaseAddress = host.BaseUri };
        using HttpResponseMessage unauthenticated = await anonymous.PostAsync("api/mentions", new StringContent(Good, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(1, (await host.ArtefactNamesAsync()).Count(n => n.EndsWith("/mention.json", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_mention_with_another_form_of_an_urgent_term_is_flagged_and_the_email_says_which()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        const string Body = """{"source":"crm","id":"ticket-7","author":{"handle":"@ada"},"text":"I am cancelling my subscription","language":"en","createdAt":"2026-11-21T10:00:00Z"}""";

        using HttpResponseMessage response = await host.Http.PostAsync("api/mentions", new StringContent(Body, Encoding.UTF8, "application/json"));

        Assert.Equal("flagged", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        ReceivedMail mail = await new Mailbox(services.Maildev.WebUri).WaitForAsync(host.Approver("care"), "Mention on crm needs your team: \"I am cancelling my subscription\"");
        Assert.Contains("- Mentions \u201ccancel\u201d (as \u201ccancelling\u201d).", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Negative sentiment", mail.Text, StringComparison.Ordinal);
    }

    private static async Task WaitForArtefactAsync(ChorusTestHost host, string suffix, int count)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(40);
        while ((await host.ArtefactNamesAsync()).Count(n => n.EndsWith(suffix, StringComparison.Ordinal)) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} '{suffix}' artefacts appeared");
            await Task.Delay(200);
        }
    }
}
