using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Chorus.Host.Tests.Dashboard;

/// <summary>
/// The dashboard's pages in headless Chromium, on data seeded through the real API, the mention monitor and the review
/// pipeline: every page renders, every chart holds the numbers of its table, and a screenshot of each page is kept.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class DashboardPagesTests(LocalServicesFixture services)
{
    internal const string NeedsReview = "Loving the new release at Chorus! #ChorusEmployee Details at https://elsewhere.example/launch";
    private const string Clean = "Lovely day volunteering with the team.";
    private const string Undisclosed = "Chorus is hiring engineers in Lisbon. Read more at https://chorus.example/jobs";
    private const string UpdateScreenshots = "CHORUS_UPDATE_SCREENSHOTS";

    [Fact]
    public async Task Every_page_renders_with_seeded_data_and_every_chart_holds_the_numbers_of_its_table()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        await using FakeFeedServer feed = await FakeFeedServer.StartAsync();
        feed.Add("d1", "Chorus is lovely, great support team!", now.AddDays(-2));
        feed.Add("d2", "Chorus charged me twice. Terrible service, I want a refund.", now.AddDays(-1));
        feed.Add("d3", "Is the Chorus meetup on Thursday?", now.AddDays(-1).AddMinutes(5));

        // Earlier days, for a chart worth looking at (and the README's picture).
        string[] earlier = ["Really happy with the new Chorus release!", "The Chorus app keeps logging me out, annoying.", "Chorus support sorted my issue in minutes, great job.", "Anyone using Chorus for their team?"];
        for (int day = 3; day <= 12; day++)
        {
            for (int i = 0; i < 1 + (day % 3); i++)
            {
                feed.Add($"e{day}-{i}", earlier[(day + i) % earlier.Length], now.AddDays(-day).AddMinutes(i));
            }
        }

        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (s, _) =>
        {
            s["Mentions:Sources:feed:Kind"] = "Rss";
            s["Mentions:Sources:feed:Endpoint"] = feed.Feed.ToString();
            s["Mentions:Sources:feed:Schedule"] = "*/2 * * * * *";
        });
        Mailbox mail = new(services.Maildev.WebUri);
        string waiting = await host.SubmitAsync(NeedsReview);
        string approved = await host.SubmitAsync(Clean);
        string rejected = await host.SubmitAsync(Undisclosed);
        await host.WaitForStatusAsync(approved, "Approved");
        await host.WaitForStatusAsync(rejected, "Rejected");
        await host.WaitForStatusAsync(waiting, "AwaitingApproval");
        await mail.WaitForAsync(host.Approver("comms"), "Approve a post");
        await mail.WaitForAsync(host.Approver("care"), "Mention on feed needs your team");
        string flaggedId = await FlaggedMentionIdAsync(host, "feed");

        await using IBrowserContext browser = await DashboardSession.SignInAsync(services, host);
        IPage page = await browser.NewPageAsync();

        // Overview: the waiting approval, both charts with their tables, the flagged queue.
        IResponse? overview = await page.GotoAsync(new Uri(host.BaseUri, "dashboard").ToString());
        Assert.Equal(200, overview!.Status);
        Assert.Equal("Overview", await page.Locator("h1").InnerTextAsync());
        ILocator waitingRow = page.Locator("#waiting tbody tr", new() { Has = page.Locator($"a[href='/dashboard/posts/{waiting}']") });
        Assert.Equal(1, await waitingRow.CountAsync());
        Assert.Contains(host.Approver("comms"), await waitingRow.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Communications", await page.Locator("#waiting-summary").InnerTextAsync(), StringComparison.Ordinal);

        ChartReading posts = await DashboardSession.AssertChartMatchesTableAsync(page, "posts");
        Assert.Equal(30, posts.Labels.Count);
        int today = posts.Labels.Count - 1;
        Assert.Equal(now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), posts.Labels[today]);
        Assert.Equal(1, posts.Datasets.Single(d => d.Label == "Approved").Data[today]);
        Assert.Equal(1, posts.Datasets.Single(d => d.Label == "Awaiting approval").Data[today]);
        Assert.Equal(1, posts.Datasets.Single(d => d.Label == "Rejected").Data[today]);

        ChartReading mentions = await DashboardSession.AssertChartMatchesTableAsync(page, "mentions-feed");
        int yesterday = mentions.Labels.Count - 2, dayBefore = mentions.Labels.Count - 3;
        Assert.Equal(1, mentions.Datasets.Single(d => d.Label == "positive").Data[dayBefore]);
        Assert.Equal(1, mentions.Datasets.Single(d => d.Label == "negative").Data[yesterday]);
        Assert.Equal(2, mentions.Datasets.Where(d => d.Label != "Mean sentiment").Sum(d => d.Data[yesterday]));
        IReadOnlyList<double?> mean = mentions.Datasets.Single(d => d.Label == "Mean sentiment").Data;
        Assert.True(mean[dayBefore] > 0, "the positive day's mean is not positive");
        Assert.Null(mean[today]);

        ILocator flaggedRow = page.Locator("#flagged tbody tr", new() { Has = page.Locator($"a[href='/dashboard/mentions/feed/{flaggedId}']") });
        Assert.Contains("awaiting", await flaggedRow.InnerTextAsync(), StringComparison.Ordinal);
        string overviewShot = await DashboardSession.ScreenshotAsync(page, "overview");
        if (Environment.GetEnvironmentVariable(UpdateScreenshots) == "1")
        {
            // The picture the README shows, written only when asked for.
            File.Copy(overviewShot, DashboardSession.ReadmeScreenshot, overwrite: true);
        }

        // Post: the text, its findings with their explanations, the timeline, the artefacts, and the decide form.
        await DashboardSession.FollowAsync(page, waitingRow.Locator("a"), $"**/dashboard/posts/{waiting}");
        Assert.Equal("Post by Ada Author", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(NeedsReview, await page.Locator("#post-text").InnerTextAsync());
        Assert.Contains("elsewhere.example", await page.Locator("#findings").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("approval request", await page.Locator("#timeline").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("submission.json", await page.Locator("#artefacts").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Approve post" }).CountAsync());
        await DashboardSession.ScreenshotAsync(page, "post");

        // Mention: the text, author, reasons, the team's actions.
        await page.GotoAsync(new Uri(host.BaseUri, "dashboard").ToString());
        await DashboardSession.FollowAsync(page, flaggedRow.Locator("a"), $"**/dashboard/mentions/feed/{flaggedId}");
        Assert.Contains("refund", await page.Locator("#mention-text").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("awaiting", await page.Locator("#mention-facts").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#reasons li").CountAsync() >= 1, "no classification reason shown");
        Assert.Contains("No reply", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await DashboardSession.ScreenshotAsync(page, "mention");

        // Sources: the configured feed, polled.
        await DashboardSession.FollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Sources" }), "**/dashboard/sources");
        string source = await page.Locator("#sources tbody tr", new() { HasText = "feed" }).InnerTextAsync();
        Assert.Contains("Rss", source, StringComparison.Ordinal);
        Assert.Contains("*/2 * * * * *", source, StringComparison.Ordinal);
        Assert.DoesNotContain("never", source, StringComparison.Ordinal);
        await DashboardSession.ScreenshotAsync(page, "sources");

        // No page runs inline script: the CSP allows this app's files only, and the charts drew under it.
        Assert.Contains("script-src 'self'", overview.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", overview.Headers["content-security-policy"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_javascript_every_number_is_still_in_a_table()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        string approved = await host.SubmitAsync(Clean);
        await host.WaitForStatusAsync(approved, "Approved");
        await using IBrowserContext noScript = await DashboardSession.SignInAsync(services, host, javaScript: false);
        IPage page = await noScript.NewPageAsync();
        IResponse? response = await page.GotoAsync(new Uri(host.BaseUri, "dashboard").ToString());

        Assert.Equal(200, response!.Status);
        IReadOnlyList<IReadOnlyList<string>> table = await DashboardSession.ReadTableAsync(page, "chart-table-posts");
        int approvedColumn = table[0].ToList().IndexOf("Approved");
        Assert.Equal("1", table[^1][approvedColumn]);
        await page.GetByText("Numbers for this chart").First.ClickAsync();
        Assert.True(await page.Locator("#chart-table-posts").IsVisibleAsync(), "the table does not open without script");
    }

    /// <summary>The flagged mention's id, from the mention API.</summary>
    internal static async Task<string> FlaggedMentionIdAsync(ChorusTestHost host, string source)
    {
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(40); ; await Task.Delay(250))
        {
            JsonElement list = await host.Http.GetFromJsonAsync<JsonElement>($"api/mentions?source={source}");
            if (list.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("needsAttention").GetBoolean()) is { ValueKind: JsonValueKind.Object } flagged)
            {
                return flagged.GetProperty("mentionId").GetString()!;
            }

            Assert.True(DateTime.UtcNow < deadline, "no flagged mention was listed");
        }
    }

    /// <summary>Posts a mention through the API.</summary>
    internal static async Task PostMentionAsync(ChorusTestHost host, string body)
    {
        using HttpResponseMessage response = await host.Http.PostAsync("api/mentions", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"the mention was refused: {await response.Content.ReadAsStringAsync()}");
    }
}
