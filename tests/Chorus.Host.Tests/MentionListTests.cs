using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Chorus.Host.Tests;

/// <summary>
/// <c>GET /api/mentions</c> over HTTP, on mentions taken in through the HTTP inbox (the real intake: scoring,
/// classification, artefacts, list index): pages with a total and a next link, filters with paging, cursors refused.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class MentionListTests(LocalServicesFixture services)
{
    private static readonly string[] Texts =
    [
        "I love Chorus, the support team is wonderful!",
        "Chorus released version two of the app today.",
        "Great webinar from Chorus, really helpful.",
        "The Chorus office moved to the harbour.",
    ];

    [Fact]
    public async Task Mentions_page_newest_first_filters_combine_with_paging_and_totals_count_what_they_match()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        DateTimeOffset start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-6);
        List<(string Source, DateTimeOffset CreatedAt)> sent = [];
        for (int i = 0; i < 33; i++)
        {
            string source = i % 3 == 0 ? "crm" : "forum";
            DateTimeOffset createdAt = start.AddHours(4 * i).AddSeconds(i % 5);
            string body = JsonSerializer.Serialize(new { source, id = $"m{i}", author = new { handle = $"@user{i}" }, text = Texts[i % Texts.Length], createdAt = createdAt.ToString("O", CultureInfo.InvariantCulture) });
            using HttpResponseMessage accepted = await host.Http.PostAsync("api/mentions", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            sent.Add((source, createdAt));
        }

        // Sent again: listed once.
        string again = JsonSerializer.Serialize(new { source = "crm", id = "m0", author = new { handle = "@user0" }, text = Texts[0], createdAt = start.ToString("O", CultureInfo.InvariantCulture) });
        using (HttpResponseMessage duplicate = await host.Http.PostAsync("api/mentions", new StringContent(again, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Accepted, duplicate.StatusCode);
        }

        List<JsonElement> all = Items(await PostListTests.PagesAsync(host, "api/mentions?pageSize=7"));
        Assert.Equal(33, all.Count);
        Assert.Equal(33, all.Select(m => m.GetProperty("mentionId").GetString()).Distinct().Count());
        Assert.Equal([.. sent.Select(s => s.CreatedAt).OrderDescending()], all.Select(m => m.GetProperty("createdAt").GetDateTimeOffset()));
        Assert.All(all, m => Assert.False(m.GetProperty("needsAttention").GetBoolean()));
        Assert.Contains(all, m => m.GetProperty("text").GetString() == Texts[1] && m.GetProperty("source").GetString() == "forum");

        string day2 = start.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day4 = start.AddDays(4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string label = all[0].GetProperty("label").GetString()!;
        foreach (string filters in new[] { "source=crm", $"label={label}", $"source=forum&label={label}", $"from={day2}&to={day4}", $"source=crm&from={day2}", $"to={day2}", $"from={day4}T18:00:00Z&to={day4}", "source=nobody" })
        {
            Dictionary<string, string> query = filters.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
            List<string?> expected = [.. all.Where(m =>
                (!query.TryGetValue("source", out string? source) || m.GetProperty("source").GetString() == source)
                && (!query.TryGetValue("label", out string? wanted) || m.GetProperty("label").GetString() == wanted)
                && (!query.TryGetValue("from", out string? from) || Day(m) >= DateOnly.Parse(from[..10], CultureInfo.InvariantCulture))
                && (!query.TryGetValue("to", out string? to) || Day(m) <= DateOnly.Parse(to[..10], CultureInfo.InvariantCulture)))
                .Select(m => m.GetProperty("mentionId").GetString())];

            List<JsonElement> pages = await PostListTests.PagesAsync(host, $"api/mentions?{filters}&pageSize=4");

            Assert.All(pages, page => Assert.Equal(expected.Count, page.GetProperty("total").GetInt64()));
            Assert.Equal(expected, Items(pages).Select(m => m.GetProperty("mentionId").GetString()));
        }

        JsonElement first = (await PostListTests.PagesAsync(host, "api/mentions?source=crm&pageSize=30"))[0];
        Assert.Equal(11, first.GetProperty("total").GetInt64());
        string next = (await host.Http.GetStringAsync("api/mentions?pageSize=2")).Split("cursor=")[1].Split('"')[0];
        await PostListTests.AssertRefusedAsync(host, $"api/mentions?source=crm&cursor={next}", "cursor");
        await PostListTests.AssertRefusedAsync(host, "api/mentions?cursor=not-a-cursor", "cursor");
        await PostListTests.AssertRefusedAsync(host, "api/mentions?pageSize=101", "pageSize");
        await PostListTests.AssertRefusedAsync(host, "api/mentions?page=1", "page");
        await PostListTests.AssertRefusedAsync(host, "api/mentions?label=angry", "label");
    }

    private static DateOnly Day(JsonElement mention) => DateOnly.FromDateTime(mention.GetProperty("createdAt").GetDateTimeOffset().UtcDateTime);

    private static List<JsonElement> Items(List<JsonElement> pages) => [.. pages.SelectMany(page => page.GetProperty("items").EnumerateArray())];
}
