using System.Net;
using System.Text;
using Chorus.Approvals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Chorus.Host.Tests.Dashboard;

/// <summary>
/// The dashboard as a careless or hostile client meets it: forms no page sends, fuzzed bytes, oversized bodies,
/// unknown addresses and a failing store. Each gets a page in words with a 4xx or 5xx status (never the API's JSON,
/// never an empty body), and nothing is recorded.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class DashboardRefusalTests(LocalServicesFixture services)
{
    [Fact]
    public async Task Forms_no_page_sends_are_refused_with_a_page_and_the_post_still_waits_undecided()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        string postId = await host.SubmitAsync(DashboardPagesTests.NeedsReview);
        await host.WaitForStatusAsync(postId, "AwaitingApproval");
        await using IBrowserContext browser = await DashboardSession.SignInAsync(services, host);
        (HttpClient client, string token) = await SignedInClientAsync(browser, host, $"dashboard/posts/{postId}");
        using (client)
        {
            string big = new('a', 3_000_000);
            (string Name, HttpContent Body, HttpStatusCode Status, string Says)[] cases =
            [
                ("no antiforgery token", Form("action=approve"), HttpStatusCode.BadRequest, "This request could not be taken"),
                ("a NUL in the comment", Form($"__antiforgery={token}&action=approve&comment=a%00b"), HttpStatusCode.BadRequest, "This request could not be taken"),
                ("two actions at once", Form($"__antiforgery={token}&action=approve&action=reject"), HttpStatusCode.BadRequest, "Choose one of the decisions offered"),
                ("an action the post does not have", Form($"__antiforgery={token}&action=dismiss"), HttpStatusCode.BadRequest, "Choose one of the decisions offered"),
                ("a comment over the limit", Form($"__antiforgery={token}&action=approve&comment={new string('c', 2_001)}"), HttpStatusCode.BadRequest, "A comment may have at most 2,000 characters"),
                ("3 MB with its length", Form($"__antiforgery={token}&action=approve&comment={big}"), HttpStatusCode.BadRequest, "This request could not be taken"),
                ("3 MB chunked", Chunked($"__antiforgery={token}&action=approve&comment={big}"), HttpStatusCode.BadRequest, "This request could not be taken"),
                ("a key with '[' and no ']' (it was a 500)", Form($"__antiforgery={token}&action=bogus&a%5Bb=1"), HttpStatusCode.BadRequest, "Choose one of the decisions offered"),
                ("JSON", new StringContent("""{"action":"approve"}""", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, "This request could not be taken"),
            ];
            foreach ((string name, HttpContent body, HttpStatusCode status, string says) in cases)
            {
                using (body)
                using (HttpResponseMessage response = await client.PostAsync($"dashboard/posts/{postId}", body))
                {
                    string page = await response.Content.ReadAsStringAsync();
                    Assert.True(response.StatusCode == status, $"{name}: {(int)response.StatusCode} {page[..Math.Min(page.Length, 300)]}");
                    Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                    Assert.Contains(says, page, StringComparison.Ordinal);
                }
            }

            using (HttpResponseMessage query = await client.GetAsync($"dashboard/posts/{postId}?a%5Bb=1"))
            {
                Assert.Equal(HttpStatusCode.OK, query.StatusCode);
            }

            foreach (HttpMethod method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
            {
                using HttpRequestMessage request = new(method, $"dashboard/posts/{postId}") { Content = Form($"__antiforgery={token}&action=approve") };
                using HttpResponseMessage response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("Not something this page does", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        await Task.Delay(500);
        System.Text.Json.JsonElement post = await host.WaitForStatusAsync(postId, "AwaitingApproval");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, post.GetProperty("decision").ValueKind);
    }

    [Fact]
    public async Task No_fuzzed_form_gets_a_server_error_and_the_page_still_decides_afterwards()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, register: s => s.AddFakeLogging());
        string postId = await host.SubmitAsync(DashboardPagesTests.NeedsReview);
        await host.WaitForStatusAsync(postId, "AwaitingApproval");
        await using IBrowserContext browser = await DashboardSession.SignInAsync(services, host);
        (HttpClient client, string token) = await SignedInClientAsync(browser, host, $"dashboard/posts/{postId}");
        using (client)
        {
            string[] routes = [$"dashboard/posts/{postId}", "dashboard/mentions/crm/nobody", $"dashboard/sign-in/{new string('t', 43)}", "dashboard"];
            Random random = new(20261201);
            List<string> failures = [];
            for (int i = 0; i < 600; i++)
            {
                byte[] bytes = new byte[random.Next(0, 400)];
                random.NextBytes(bytes);

                // Half keep a valid token in front, so the fuzz reaches the handlers and not only the antiforgery check;
                // their action is fuzzed too, so none is a decision a page would send.
                byte[] body = i % 2 == 0 ? [.. Encoding.ASCII.GetBytes($"__antiforgery={token}&comment=x&action="), .. bytes] : bytes;
                using ByteArrayContent content = new(body);
                content.Headers.TryAddWithoutValidation("Content-Type", i % 3 == 0 ? "multipart/form-data; boundary=x" : "application/x-www-form-urlencoded");
                string route = routes[i % routes.Length];
                using HttpResponseMessage response = await client.PostAsync(route, content);
                if ((int)response.StatusCode >= 500 || response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    failures.Add($"{route}: {(int)response.StatusCode} {response.Content.Headers.ContentType} for {Convert.ToBase64String(body.AsSpan(0, Math.Min(body.Length, 120)))}");
                }
            }

            string errors = string.Join("\n", host.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Level >= LogLevel.Error).Take(2).Select(r => $"{r.Category}: {r.Message} {r.Exception}"));
            Assert.True(failures.Count == 0, $"{failures.Count} fuzzed forms got a server error or no page: {string.Join(" | ", failures.Take(3))}\n{errors}");
        }

        // The fuzz recorded nothing: the page still offers the decision, and it goes through.
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseUri, $"dashboard/posts/{postId}").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve post" }).ClickAsync();
        Assert.Contains("Recorded: approve", await page.Locator("#decision-result").InnerTextAsync(), StringComparison.Ordinal);
        await host.WaitForStatusAsync(postId, "Approved");
    }

    [Fact]
    public async Task Unknown_addresses_get_a_page_signed_in_or_not_and_the_api_keeps_its_problem_details()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        using HttpClient anonymous = new() { BaseAddress = host.BaseUri };
        foreach (string path in new[] { "dashboard/no-such-page", "dashboard/error/500", "dashboard/posts/a/b/c" })
        {
            using HttpResponseMessage response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<h1>No such page</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // An existing page still asks for sign-in first: the error pages open no door.
        using HttpResponseMessage overview = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseUri }.GetAsync("dashboard");
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);

        using HttpResponseMessage api = await anonymous.GetAsync("api/no-such-route");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_store_that_fails_gives_a_page_that_says_so_and_no_details()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, register: s => s.Replace(ServiceDescriptor.Singleton<IWaitingApprovals, FailingWaitingApprovals>()));
        await using IBrowserContext browser = await DashboardSession.SignInAsync(services, host);
        IPage page = await browser.NewPageAsync();
        IResponse? response = await page.GotoAsync(new Uri(host.BaseUri, "dashboard").ToString());
        Assert.Equal(500, response!.Status);
        Assert.Equal("Something went wrong on our side", await page.Locator("h1").InnerTextAsync());
        string html = await page.ContentAsync();
        Assert.DoesNotContain(FailingWaitingApprovals.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("at Chorus.", html, StringComparison.Ordinal);
    }

    /// <summary>An HTTP client with the browser context's cookies (the session and antiforgery ones), and the page's form token.</summary>
    private static async Task<(HttpClient Client, string Token)> SignedInClientAsync(IBrowserContext browser, ChorusTestHost host, string path)
    {
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseUri, path).ToString());
        string token = await page.Locator("main form input[name=__antiforgery]").First.GetAttributeAsync("value") ?? throw new InvalidOperationException($"no form on {path}");
        string cookies = string.Join("; ", (await browser.CookiesAsync([host.BaseUri.ToString() + "dashboard/"])).Select(c => $"{c.Name}={c.Value}"));
        HttpClient client = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("Cookie", cookies);
        return (client, Uri.EscapeDataString(token));
    }

    private static StringContent Form(string body) => new(body, Encoding.ASCII, "application/x-www-form-urlencoded");

    /// <summary>A form sent without a Content-Length, so only the limit applied while reading can stop it.</summary>
    private static StreamContent Chunked(string body)
    {
        StreamContent content = new(new NoLengthStream(Encoding.ASCII.GetBytes(body)));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        return content;
    }

    /// <summary>A stream that will not say its length, which makes HttpClient send it chunked.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A waiting-approvals store whose every read fails, with a message the page must not show.</summary>
    private sealed class FailingWaitingApprovals : IWaitingApprovals
    {
        public const string Secret = "connection-string-AccountKey=do-not-show";

        public Task WaitAsync(ApprovalItem item, ApprovalStage stage, IReadOnlyList<string> approvers, CancellationToken cancellationToken = default) => throw new InvalidOperationException(Secret);

        public Task AnsweredAsync(string subject, string itemId, string approver, CancellationToken cancellationToken = default) => throw new InvalidOperationException(Secret);

        public Task ClosedAsync(string subject, string itemId, CancellationToken cancellationToken = default) => throw new InvalidOperationException(Secret);

        public Task<IReadOnlyList<WaitingApproval>> ListAsync(CancellationToken cancellationToken = default) => throw new InvalidOperationException(Secret);

        public Task<IReadOnlyList<WaitingApproval>> ListAsync(string subject, string itemId, CancellationToken cancellationToken = default) => throw new InvalidOperationException(Secret);
    }
}
