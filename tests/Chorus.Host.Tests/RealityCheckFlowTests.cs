using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Chorus.Host.Tests;

/// <summary>
/// The reality check end to end: complaints arrive through the mention flow (a local feed, the monitor, triage), and a
/// staff post praising what they are about is flagged, with the evidence, both by <c>/api/posts/check</c> and in review.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class RealityCheckFlowTests(LocalServicesFixture services)
{
    private const string Praise = "Our invoicing is better than ever, we love it!";

    // Complaints flagged for the care team are recorded by the triage orchestration (RecordMentionActivity); with a
    // threshold no score reaches, none is flagged and the intake records them in a batch (MentionRecorder.RecordAllAsync).
    [Theory]
    [InlineData("triage")]
    [InlineData("intake")]
    public async Task A_post_praising_what_customers_complain_about_goes_to_an_approver_with_the_complaints(string recordedBy)
    {
        await using FakeFeedServer feed = await FakeFeedServer.StartAsync();
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (s, _) =>
        {
            s["Mentions:Sources:alerts:Kind"] = "Rss";
            s["Mentions:Sources:alerts:Endpoint"] = feed.Feed.ToString();
            s["Mentions:Sources:alerts:Schedule"] = "* * * * * *";
            if (recordedBy == "intake")
            {
                s["Mentions:Triage:NegativeThreshold"] = "-1";
            }
        });

        // Before anyone complains, the same post would be approved by the rules.
        JsonElement calm = await CheckAsync(host);
        Assert.Equal("AutoApprove", calm.GetProperty("route").GetString());
        Assert.Empty(calm.GetProperty("findings").EnumerateArray());

        DateTimeOffset now = DateTimeOffset.UtcNow;
        string[] complaints =
        [
            "Chorus invoicing is broken again. Terrible.",
            "My invoices from Chorus are wrong, so frustrating",
            "Worst invoicing ever, I hate it",
            "The invoice is wrong AGAIN. Awful support.",
            "Invoicing bug cost us a day, really bad",
        ];
        for (int i = 0; i < complaints.Length; i++)
        {
            feed.Add($"c{i}", complaints[i], now.AddMinutes(-30 + i));
        }

        feed.Add("old", "Invoicing was horrible back then.", now.AddHours(-60));
        feed.Add("happy", "Invoicing in Chorus is great", now.AddMinutes(-10));

        // The check shows the warning once the complaints are recorded (each goes through triage first).
        JsonElement check = default;
        JsonElement? warning = null;
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(60); warning is null && DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            check = await CheckAsync(host);
            warning = check.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("rule").GetString() == "reality-check").Cast<JsonElement?>().FirstOrDefault();
        }

        Assert.True(warning is not null, $"no reality-check finding; last check: {check}");
        Assert.Equal("HumanReview", check.GetProperty("route").GetString());
        AssertExplains(warning.Value);

        string postId = await host.SubmitAsync(Praise);
        JsonElement post = await host.WaitForStatusAsync(postId, "AwaitingApproval");
        JsonElement finding = Assert.Single(post.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "reality-check");
        AssertExplains(finding);
        JsonElement listed = await host.Http.GetFromJsonAsync<JsonElement>("api/mentions?source=alerts&label=negative");
        Assert.All(listed.GetProperty("items").EnumerateArray(), m => Assert.Equal(recordedBy == "triage", m.GetProperty("needsAttention").GetBoolean()));
        Assert.Equal(warning.Value.GetProperty("explanation").GetString(), finding.GetProperty("explanation").GetString());
    }

    private static void AssertExplains(JsonElement finding)
    {
        Assert.Equal("Warn", finding.GetProperty("severity").GetString());
        Assert.Equal("invoicing", finding.GetProperty("matched").GetString());
        string explanation = finding.GetProperty("explanation").GetString()!;

        // Five complaints in the window: not the one from 60 hours ago, nor the happy one.
        Assert.StartsWith("5 customer complaints about invoicing in the last 48 hours", explanation, StringComparison.Ordinal);
        Assert.Contains("a post praising invoicing may land badly", explanation, StringComparison.Ordinal);
        Assert.Equal(3, Enumerable.Range(0, 5).Count(i => explanation.Contains($"/c{i}", StringComparison.Ordinal)));
        Assert.DoesNotContain("/old", explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("/happy", explanation, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> CheckAsync(ChorusTestHost host)
    {
        string body = $$"""{"author":{"email":"author-{{host.Suffix}}@chorus.test","displayName":"Ada Author","team":"marketing"},"text":{{JsonSerializer.Serialize(Praise)}},"channels":["linkedin"]}""";
        using HttpResponseMessage response = await host.Http.PostAsync("api/posts/check", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
