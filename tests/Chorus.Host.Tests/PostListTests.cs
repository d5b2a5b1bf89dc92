using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chorus.Posts;
using Chorus.Posts.Listing;
using Microsoft.Extensions.DependencyInjection;

namespace Chorus.Host.Tests;

/// <summary>
/// <c>GET /api/posts</c> over HTTP: pages with a total and a next link, filters with paging, cursors and page sizes
/// refused as the API says, and a post moving between status lists as its review goes. Most posts are listed through the
/// host's own <see cref="IPostIndex"/> (what the submission handler and the review write), so times, authors and
/// statuses can be laid out exactly; the last test lists posts through the real submission and review.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class PostListTests(LocalServicesFixture services)
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly PostStatus[] Cycle = [PostStatus.Approved, PostStatus.AwaitingApproval, PostStatus.Rejected, PostStatus.Submitted, PostStatus.Approved, PostStatus.Expired];

    [Fact]
    public async Task Following_next_visits_every_post_once_newest_first_with_the_total_on_every_page()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        List<PostListEntry> posts = await SeedAsync(host, 47);

        List<JsonElement> pages = await PagesAsync(host, "api/posts?pageSize=10");

        Assert.Equal(5, pages.Count);
        Assert.All(pages, page => Assert.Equal(47, page.GetProperty("total").GetInt64()));
        Assert.All(pages[..^1], page => Assert.Equal(10, page.GetProperty("items").GetArrayLength()));
        Assert.Equal(JsonValueKind.Null, pages[^1].GetProperty("next").ValueKind);
        Assert.Equal(Newest(posts).Select(p => p.PostId), Ids(pages));

        JsonElement item = pages[0].GetProperty("items")[0];
        PostListEntry newest = Newest(posts)[0];
        Assert.Equal(newest.Status.ToString(), item.GetProperty("status").GetString());
        Assert.Equal(newest.Author.Email, item.GetProperty("author").GetProperty("email").GetString());
        Assert.Equal(newest.SubmittedAt, item.GetProperty("submittedAt").GetDateTimeOffset());
        Assert.Equal($"/api/posts/{newest.PostId}", item.GetProperty("url").GetString());
        Assert.StartsWith("/api/posts?pageSize=10&cursor=", pages[0].GetProperty("next").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status=Approved")]
    [InlineData("status=awaitingapproval")]
    [InlineData("author=AUTHOR-B@chorus.test")]
    [InlineData("status=Approved&author=author-a@chorus.test")]
    [InlineData("from=2026-03-13&to=2026-03-16")]
    [InlineData("from=2026-03-12T13:00:00Z&to=2026-03-17T07:30:00Z")]
    [InlineData("from=2026-03-14T02:00:00Z&to=2026-03-14T20:00:00Z")]
    [InlineData("from=2026-03-12T09:00:00%2B02:00")]
    [InlineData("to=2026-03-15T12:00:00Z")]
    [InlineData("status=Rejected&author=author-c@chorus.test&from=2026-03-11T06:00:00Z&to=2026-03-18")]
    [InlineData("status=Expired&from=2026-04-01")]
    public async Task Filters_combine_with_paging_and_the_total_counts_what_they_match(string filters)
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        List<PostListEntry> posts = await SeedAsync(host, 60);
        Dictionary<string, string> query = filters.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        List<PostListEntry> expected = Newest(posts.Where(p =>
            (!query.TryGetValue("status", out string? status) || string.Equals(p.Status.ToString(), status, StringComparison.OrdinalIgnoreCase))
            && (!query.TryGetValue("author", out string? author) || string.Equals(p.Author.Email, author, StringComparison.OrdinalIgnoreCase))
            && (!query.TryGetValue("from", out string? from) || p.SubmittedAt >= Bound(from, endOfDay: false))
            && (!query.TryGetValue("to", out string? to) || p.SubmittedAt <= Bound(to, endOfDay: true))));

        List<JsonElement> pages = await PagesAsync(host, $"api/posts?{filters}&pageSize=4");

        Assert.All(pages, page => Assert.Equal(expected.Count, page.GetProperty("total").GetInt64()));
        Assert.Equal(expected.Select(p => p.PostId), Ids(pages));
        Assert.Equal(Math.Max(1, (expected.Count + 3) / 4), pages.Count);
    }

    [Fact]
    public async Task A_garbage_tampered_or_foreign_cursor_is_a_400_problem_naming_cursor()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        await SeedAsync(host, 12);
        JsonElement first = await host.Http.GetFromJsonAsync<JsonElement>("api/posts?pageSize=5");
        string next = first.GetProperty("next").GetString()!;
        string cursor = Uri.UnescapeDataString(next[(next.IndexOf("cursor=", StringComparison.Ordinal) + 7)..]);
        string tampered = cursor[..10] + (cursor[10] == 'A' ? 'B' : 'A') + cursor[11..];
        JsonElement approved = await host.Http.GetFromJsonAsync<JsonElement>("api/posts?pageSize=1&status=Approved");
        string foreign = approved.GetProperty("next").GetString()!.Split("cursor=")[1];

        foreach (string bad in new[] { "garbage", "%00%01", tampered, string.Empty, new string('A', 600), Convert.ToBase64String("1|5|20260101-0123|x"u8.ToArray()) })
        {
            await AssertRefusedAsync(host, $"api/posts?pageSize=5&cursor={Uri.EscapeDataString(bad)}", "cursor");
        }

        // A cursor belongs to the filters it came from: another list's cursor is refused, not read as a position.
        await AssertRefusedAsync(host, $"api/posts?pageSize=5&cursor={foreign}", "cursor");
        await AssertRefusedAsync(host, $"api/posts?pageSize=1&status=Rejected&cursor={foreign}", "cursor");
        using HttpResponseMessage same = await host.Http.GetAsync($"api/posts?pageSize=3&status=Approved&cursor={foreign}");
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
    }

    [Fact]
    public async Task Page_size_is_one_to_a_hundred_and_twenty_by_default_and_page_numbers_are_refused()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        await SeedAsync(host, 25);

        JsonElement byDefault = await host.Http.GetFromJsonAsync<JsonElement>("api/posts");
        Assert.Equal(20, byDefault.GetProperty("items").GetArrayLength());
        Assert.Contains("pageSize=20", byDefault.GetProperty("next").GetString(), StringComparison.Ordinal);
        JsonElement one = await host.Http.GetFromJsonAsync<JsonElement>("api/posts?pageSize=1");
        Assert.Single(one.GetProperty("items").EnumerateArray());
        JsonElement hundred = await host.Http.GetFromJsonAsync<JsonElement>("api/posts?pageSize=100");
        Assert.Equal(25, hundred.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, hundred.GetProperty("next").ValueKind);

        foreach (string size in new[] { "0", "101", "-1", "abc", "1.5", string.Empty })
        {
            await AssertRefusedAsync(host, $"api/posts?pageSize={size}", "pageSize");
        }

        await AssertRefusedAsync(host, "api/posts?page=2", "page");
        await AssertRefusedAsync(host, "api/posts?from=2026-03-12&to=2026-03-11", "to");
        await AssertRefusedAsync(host, "api/posts?from=yesterday", "from");
        await AssertRefusedAsync(host, "api/posts?author=%20", "author");
    }

    [Fact]
    public async Task Racing_writers_neither_lose_nor_double_a_count()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        IPostIndex index = host.Services.GetRequiredService<IPostIndex>();
        List<PostListEntry> posts = [.. Enumerable.Range(0, 30).Select(i => Entry(Day0.AddMinutes(i), PostStatus.Submitted, "author-a@chorus.test"))];

        // Every post listed twice at once, moved twice at once, and a stale earlier move arriving last.
        await Task.WhenAll(posts.SelectMany(p => new[] { index.AddAsync(p), index.AddAsync(p) }));
        bool[] moved = await Task.WhenAll(posts.SelectMany(p => new[] { index.MoveAsync(p with { Status = PostStatus.Approved }, PostStatus.Submitted), index.MoveAsync(p with { Status = PostStatus.Approved }, PostStatus.Submitted) }));
        bool[] stale = await Task.WhenAll(posts.Select(p => index.MoveAsync(p with { Status = PostStatus.AwaitingApproval }, PostStatus.Submitted)));

        Assert.Equal(30, moved.Count(m => m));
        Assert.DoesNotContain(true, stale);
        Assert.Equal(30, await TotalAsync(host, "api/posts"));
        Assert.Equal(30, await TotalAsync(host, "api/posts?status=Approved&author=author-a@chorus.test"));
        Assert.Equal(0, await TotalAsync(host, "api/posts?status=Submitted"));
        Assert.Equal(0, await TotalAsync(host, "api/posts?status=AwaitingApproval"));
        Assert.Equal(Newest(posts).Select(p => p.PostId), Ids(await PagesAsync(host, "api/posts?status=Approved&pageSize=100")));
    }

    [Fact]
    public async Task A_post_moves_between_status_lists_as_its_review_goes()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        Mailbox mail = new(services.Maildev.WebUri);
        string author = $"author-{host.Suffix}@chorus.test";
        string clean = await host.SubmitAsync("Had a lovely time volunteering with the team today.");
        string reviewed = await host.SubmitAsync("Big news from Chorus today! #ChorusEmployee https://elsewhere.example/x");

        await WaitForListAsync(host, $"api/posts?status=AwaitingApproval&author={author}", [reviewed]);
        await WaitForListAsync(host, "api/posts?status=Approved", [clean]);
        Assert.Equal(0, await TotalAsync(host, "api/posts?status=Submitted"));

        ReceivedMail request = await mail.WaitForAsync(host.Approver("comms"), "Approve a post");
        using HttpClient browser = new();
        using HttpResponseMessage decided = await browser.PostAsync(request.Link("Approve"), new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "approve", ["comment"] = "Fine." }));
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        await WaitForListAsync(host, "api/posts?status=Approved", [reviewed, clean]);
        Assert.Equal(0, await TotalAsync(host, "api/posts?status=AwaitingApproval"));
        Assert.Equal(2, await TotalAsync(host, $"api/posts?author={author.ToUpperInvariant()}"));
    }

    /// <summary>Lists posts through the index as the submission handler and the review do: added, then moved to a status.</summary>
    private static async Task<List<PostListEntry>> SeedAsync(ChorusTestHost host, int count)
    {
        IPostIndex index = host.Services.GetRequiredService<IPostIndex>();
        List<PostListEntry> posts = [];
        for (int i = 0; i < count; i++)
        {
            // Every five hours, with three posts sharing one instant so the tie is broken by id.
            DateTimeOffset at = i is 10 or 11 or 12 ? Day0.AddHours(50) : Day0.AddHours(5 * i).AddTicks(i % 7);
            posts.Add(Entry(at, Cycle[i % Cycle.Length], $"author-{"abc"[i % 3]}@chorus.test"));
        }

        await Parallel.ForEachAsync(posts, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (post, ct) =>
        {
            await index.AddAsync(post with { Status = PostStatus.Submitted }, ct);
            if (post.Status != PostStatus.Submitted)
            {
                PostStatus from = PostStatus.Submitted;
                if (post.Status is not PostStatus.AwaitingApproval && post.PostId[^1] is >= '0' and <= '7')
                {
                    await index.MoveAsync(post with { Status = PostStatus.AwaitingApproval }, from, ct);
                    from = PostStatus.AwaitingApproval;
                }

                Assert.True(await index.MoveAsync(post, from, ct));
            }
        });
        return posts;
    }

    private static PostListEntry Entry(DateTimeOffset at, PostStatus status, string email)
        => new(PostIds.New(at), status, new PostAuthor(email, "Ada", "marketing"), at);

    private static List<PostListEntry> Newest(IEnumerable<PostListEntry> posts)
        => [.. posts.OrderByDescending(p => p.SubmittedAt).ThenBy(p => p.PostId, StringComparer.Ordinal)];

    private static DateTimeOffset Bound(string value, bool endOfDay)
        => value.Length == 10
            ? new DateTimeOffset(DateOnly.Parse(value, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(endOfDay ? TimeOnly.MaxValue : TimeOnly.MinValue), TimeSpan.Zero)
            : DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Ids(List<JsonElement> pages)
        => [.. pages.SelectMany(page => page.GetProperty("items").EnumerateArray()).Select(item => item.GetProperty("postId").GetString()!)];

    /// <summary>Reads a list from its first page to its last by following each page's next link.</summary>
    internal static async Task<List<JsonElement>> PagesAsync(ChorusTestHost host, string first)
    {
        List<JsonElement> pages = [];
        string? url = first;
        while (url is not null)
        {
            Assert.True(pages.Count < 100, "the next links never ended");
            JsonElement page = await host.Http.GetFromJsonAsync<JsonElement>(url);
            pages.Add(page);
            url = page.GetProperty("next").GetString();
        }

        return pages;
    }

    internal static async Task AssertRefusedAsync(ChorusTestHost host, string url, string field)
    {
        using HttpResponseMessage response = await host.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {problem} ({url})");
    }

    private static async Task<long> TotalAsync(ChorusTestHost host, string url)
        => (await host.Http.GetFromJsonAsync<JsonElement>(url)).GetProperty("total").GetInt64();

    private static async Task WaitForListAsync(ChorusTestHost host, string url, string[] ids)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement page;
        do
        {
            page = await host.Http.GetFromJsonAsync<JsonElement>(url);
            List<string> listed = [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("postId").GetString()!)];
            if (listed.Order().SequenceEqual(ids.Order()) && page.GetProperty("total").GetInt64() == ids.Length)
            {
                return;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"{url} never listed exactly {string.Join(", ", ids)}; last: {page}");
    }
}
