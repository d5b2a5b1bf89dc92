using System.Net;
using System.Text.RegularExpressions;
using Chorus.Host.Dashboard.SignIn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Playwright;

namespace Chorus.Host.Tests.Dashboard;

/// <summary>
/// No page without sign-in; the run command's link works once and becomes a cookie only the dashboard accepts
/// (HttpOnly, SameSite=Strict, not Secure over plain HTTP, expiring); the API keeps its key and refuses the cookie.
/// </summary>
[Collection(HostCollection.Name)]
public sealed partial class DashboardSignInTests(LocalServicesFixture services)
{
    [Fact]
    public async Task Without_sign_in_every_page_sends_to_how_to_sign_in_and_an_api_key_does_not_open_one()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        using HttpClient anonymous = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseUri };
        foreach (string path in new[] { "dashboard", "dashboard/sources", "dashboard/posts/20261201-abc", "dashboard/mentions/feed/m1" })
        {
            using HttpResponseMessage refused = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/dashboard/sign-in?ReturnUrl=", new Uri(host.BaseUri, refused.Headers.Location!).PathAndQuery, StringComparison.Ordinal);

            using HttpRequestMessage withKey = new(HttpMethod.Get, path);
            withKey.Headers.Add("X-Api-Key", ChorusTestHost.ApiKey);
            using HttpResponseMessage keyRefused = await anonymous.SendAsync(withKey);
            Assert.Equal(HttpStatusCode.Redirect, keyRefused.StatusCode);
        }

        IPage page = await services.Browser.NewPageAsync();
        IResponse? howTo = await page.GotoAsync(new Uri(host.BaseUri, "dashboard").ToString());
        Assert.Equal(401, howTo!.Status);
        Assert.Equal("Sign in to the Chorus dashboard", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("one-time sign-in link", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await DashboardSession.ScreenshotAsync(page, "sign-in");
        await page.CloseAsync();

        // The approval links and the API are untouched: no cookie needed, the API key still works.
        using HttpResponseMessage api = await host.Http.GetAsync("api/posts");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task The_link_signs_in_once_with_a_strict_http_only_expiring_cookie_that_the_api_refuses()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (s, _) => s["Dashboard:SignIn:SessionLifetime"] = "02:00:00");
        CookieContainer jar = new();
        using HttpClient browser = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar }) { BaseAddress = host.BaseUri };
        Uri link = DashboardSession.NewLink(host);

        // Opening the link (a GET, as a mail scanner or a link preview would) uses nothing.
        string form = await browser.GetStringAsync(link);
        Assert.Contains("comms-" + host.Suffix, form, StringComparison.Ordinal);
        form = await browser.GetStringAsync(link);
        string antiforgery = DashboardSession.AntiforgeryToken(form);

        // A POST without the antiforgery token is refused and uses nothing.
        using (HttpResponseMessage forged = await browser.PostAsync(link, new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        DateTimeOffset before = DateTimeOffset.UtcNow;
        using (HttpResponseMessage signedIn = await browser.PostAsync(link, new FormUrlEncodedContent([new("__antiforgery", antiforgery)])))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal("/dashboard", signedIn.Headers.Location!.OriginalString);
            string cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("chorus.dashboard=", StringComparison.Ordinal));
            string flags = cookie.ToLowerInvariant();
            Assert.Contains("; httponly", flags, StringComparison.Ordinal);
            Assert.Contains("; samesite=strict", flags, StringComparison.Ordinal);
            Assert.Contains("; path=/dashboard", flags, StringComparison.Ordinal);
            Assert.DoesNotContain("; secure", flags, StringComparison.Ordinal);
            DateTimeOffset expires = DateTimeOffset.Parse(ExpiresAttribute().Match(cookie).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(expires, before.AddHours(2).AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(2).AddMinutes(1));
        }

        using (HttpResponseMessage overview = await browser.GetAsync("dashboard/sources"))
        {
            Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        }

        // The link worked once: opening it again says so (here and in another browser), and sending its form again is refused.
        using (HttpResponseMessage again = await browser.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
            Assert.Contains("This sign-in link does not work", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (HttpClient other = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }))
        using (HttpResponseMessage elsewhere = await other.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.Gone, elsewhere.StatusCode);
        }

        using (HttpResponseMessage reused = await browser.PostAsync(link, new FormUrlEncodedContent([new("__antiforgery", antiforgery)])))
        {
            Assert.True(reused.StatusCode is HttpStatusCode.Gone or HttpStatusCode.BadRequest, $"a used link's form answered {(int)reused.StatusCode}");
            Assert.False(reused.Headers.Contains("Set-Cookie") && reused.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("chorus.dashboard=", StringComparison.Ordinal)), "a used link set the cookie again");
        }

        // The API does not take the dashboard's cookie (its path keeps browsers from even sending it there).
        string session = jar.GetCookies(new Uri(host.BaseUri, "dashboard"))["chorus.dashboard"]!.Value;
        using HttpClient plain = new() { BaseAddress = host.BaseUri };
        using HttpRequestMessage withCookie = new(HttpMethod.Get, "api/posts");
        withCookie.Headers.Add("Cookie", "chorus.dashboard=" + session);
        using HttpResponseMessage api = await plain.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task A_link_expires_unused()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (s, _) => s["Dashboard:SignIn:LinkLifetime"] = "00:00:10");
        Uri link = DashboardSession.NewLink(host);
        using HttpClient browser = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        using (HttpResponseMessage fresh = await browser.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(11));
        using HttpResponseMessage expired = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_prints_a_new_link_in_the_output_on_the_configured_address_at_most_every_ten_seconds()
    {
        PrintedLinks printed = new();
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, register: s => s.AddFakeLogging().Replace(ServiceDescriptor.Singleton<ISignInLinkOutput>(printed)));
        FakeLogCollector logs = host.Services.GetFakeLogCollector();
        await using IBrowserContext context = await services.Browser.NewContextAsync();
        IPage page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseUri, "dashboard").ToString());
        Assert.Empty(printed.Links);

        await page.GetByRole(AriaRole.Button, new() { Name = "Print a new sign-in link" }).ClickAsync();
        Assert.Contains("A new link is in the run command's output", await page.Locator("#link-asked").InnerTextAsync(), StringComparison.Ordinal);
        Uri link = Assert.Single(printed.Links);
        Assert.StartsWith(new Uri(host.BaseUri, "dashboard/sign-in/").ToString(), link.ToString(), StringComparison.Ordinal);

        // Pressed again at once: nothing more is printed. A reload of the answer asks for nothing either.
        await page.GetByRole(AriaRole.Button, new() { Name = "Print a new sign-in link" }).ClickAsync();
        Assert.Contains("less than 10 seconds ago", await page.Locator("#link-asked").InnerTextAsync(), StringComparison.Ordinal);
        await page.ReloadAsync();
        Assert.Single(printed.Links);

        // A caller naming another host gets no link built on it: the link stays on the configured address.
        await Task.Delay(SignInLinksInterval);
        using (HttpClient forger = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }))
        {
            string form = await page.EvaluateAsync<string>("() => document.querySelector('main form input[name=__antiforgery]').value");
            string cookies = string.Join("; ", (await context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
            using HttpRequestMessage request = new(HttpMethod.Post, new Uri(host.BaseUri, "dashboard/sign-in")) { Content = new FormUrlEncodedContent([new("__antiforgery", form)]) };
            request.Headers.Host = "evil.example";
            request.Headers.Add("Cookie", cookies);
            using HttpResponseMessage asked = await forger.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        }

        Assert.Equal(2, printed.Links.Count);
        Assert.All(printed.Links, each => Assert.Equal(host.BaseUri.Authority, each.Authority));

        // The link is printed, never logged: logs are shipped elsewhere, and a link signs in.
        Assert.DoesNotContain(logs.GetSnapshot(), record => record.Message.Contains(link.ToString(), StringComparison.Ordinal));
        Assert.Contains(logs.GetSnapshot(), record => record.Message.StartsWith("A dashboard sign-in link was asked for", StringComparison.Ordinal));

        // The printed link signs in like the welcome block's.
        await page.GotoAsync(link.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await DashboardSession.ArrivedAtAsync(page, new Uri(host.BaseUri, "dashboard").ToString());
        Assert.Equal("Overview", await page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task With_entra_configured_the_pages_offer_microsoft_sign_in_and_no_link_works()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (s, _) =>
        {
            s["Dashboard:Entra:TenantId"] = "11111111-2222-3333-4444-555555555555";
            s["Dashboard:Entra:ClientId"] = "66666666-7777-8888-9999-000000000000";
        });
        using HttpClient anonymous = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseUri };
        using (HttpResponseMessage refused = await anonymous.GetAsync("dashboard/sources"))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/dashboard/sign-in?ReturnUrl=", new Uri(host.BaseUri, refused.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
        }

        using HttpResponseMessage page = await anonymous.GetAsync("dashboard/sign-in?ReturnUrl=%2Fdashboard%2Fsources");
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        string howTo = await page.Content.ReadAsStringAsync();
        Assert.Contains("href=\"/dashboard/sign-in/entra?returnUrl=%2Fdashboard%2Fsources\"", howTo, StringComparison.Ordinal);
        Assert.Contains("Sign in with Microsoft", howTo, StringComparison.Ordinal);

        // No one-time link is made or taken when Entra ID signs people in.
        using HttpResponseMessage link = await anonymous.GetAsync("dashboard/sign-in/some-token");
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
    }

    [Fact]
    public async Task Settings_that_cannot_work_stop_the_start()
    {
        InvalidOperationException? refused = null;
        try
        {
            await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (s, _) => s["Dashboard:SignIn:Email"] = "not an address");
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            refused = new InvalidOperationException(ex.Message, ex);
        }

        Assert.NotNull(refused);
        Assert.Contains("Dashboard:SignIn:Email", refused.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex("expires=([^;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ExpiresAttribute();

    private static readonly TimeSpan SignInLinksInterval = Chorus.Host.Dashboard.SignIn.SignInLinks.RequestInterval + TimeSpan.FromSeconds(1);

    /// <summary>Keeps the links the sign-in page prints, instead of standard output.</summary>
    private sealed class PrintedLinks : ISignInLinkOutput
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<Uri> _links = new();

        public IReadOnlyList<Uri> Links => [.. _links];

        public void Print(Uri link, string email, TimeSpan lifetime) => _links.Enqueue(link);
    }
}
