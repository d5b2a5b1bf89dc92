using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Chorus.Approvals;
using Chorus.Host;
using Chorus.Host.Dashboard.SignIn;
using Chorus.LocalComponents;
using Chorus.Posts;
using Chorus.Posts.Listing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chorus.Benchmarks.Dashboard;

/// <summary>
/// The dashboard's overview over HTTP against the real self-host (<see cref="ChorusApp"/>) on in-memory Azurite, with
/// 10,000 posts and 100,000 mentions in the last 30 days and 200 approvals waiting. Posts are listed through the host's
/// <see cref="IPostIndex"/> (which keeps the day counters), mentions go through the real intake a poll's worth at a
/// time, and the waiting approvals through <see cref="IWaitingApprovals"/>. Signed in with the run command's one-time
/// link, the overview is then requested one at a time; its p95 must stay at most 300 ms.
/// </summary>
/// <remarks>Arguments are configuration overrides, <c>Key=Value</c>: <c>Bench:Posts</c> (10000), <c>Bench:Mentions</c> (100000), <c>Bench:Requests</c> (100).</remarks>
internal sealed partial class DashboardBenchmark : IBenchmark
{
    private static readonly string[] MentionTexts = ["Chorus made onboarding easy, thanks team!", "Is the Chorus app down for anyone else today?", "Had a chat with Chorus support about billing.", "Chorus keeps logging me out, annoying."];

    /// <summary>Nobody is needed for any mention: the intake records them all, as most mentions are.</summary>
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Mentions:Triage:NegativeThreshold"] = "-1",
        ["Mentions:Triage:UrgentTerms:en:0"] = "no-such-urgent-term",
    };

    public string Name => "dashboard";

    public async Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        Dictionary<string, string?> overrides = Overrides.Parse(args);
        output.WriteLine($"machine.load_average: {MachineLoad.Describe()} (1, 5, 15 min; before the run)");
        await using AzuriteServer azurite = await AzuriteServer.StartAsync(cancellationToken);
        (WebApplication host, Uri baseUri) = await BenchmarkHost.StartAsync("dashboard", azurite.ConnectionString, Settings, overrides, cancellationToken);
        int posts = host.Configuration.GetValue("Bench:Posts", 10_000), mentions = host.Configuration.GetValue("Bench:Mentions", 100_000), requests = host.Configuration.GetValue("Bench:Requests", 100);
        DateTimeOffset now = DateTimeOffset.UtcNow, start = now.AddDays(-30);

        Stopwatch clock = Stopwatch.StartNew();
        await BenchmarkSeed.PostsAsync(host.Services.GetRequiredService<IPostIndex>(), posts, start, 30, cancellationToken);
        await SeedWaitingAsync(host.Services.GetRequiredService<IWaitingApprovals>(), 200, start, cancellationToken);
        Figures.Report(output, "dashboard.posts_seeded_per_s", posts / clock.Elapsed.TotalSeconds, string.Create(CultureInfo.InvariantCulture, $"posts/s ({posts} posts and 200 waiting approvals in {clock.Elapsed.TotalSeconds:0.#} s)"));
        clock.Restart();
        await BenchmarkSeed.MentionsAsync(host.Services, mentions, start, 30, MentionTexts, cancellationToken);
        Figures.Report(output, "dashboard.mentions_seeded_per_s", mentions / clock.Elapsed.TotalSeconds, string.Create(CultureInfo.InvariantCulture, $"mentions/s ({mentions} mentions through the intake in {clock.Elapsed.TotalSeconds:0.#} s)"));

        using HttpClient browser = await SignInAsync(host.Services.GetRequiredService<SignInLinks>().Issue(baseUri), baseUri, cancellationToken);
        for (int i = 0; i < 3; i++)
        {
            string page = await browser.GetStringAsync("dashboard", cancellationToken);
            if (!page.Contains("chart-data-mentions-forum", StringComparison.Ordinal) || !page.Contains("chart-data-posts", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The overview does not show the seeded posts and mentions.");
            }
        }

        List<double> ms = [];
        for (int i = 0; i < requests; i++)
        {
            long begun = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await browser.GetAsync("dashboard", cancellationToken);
            await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(cancellationToken);
            ms.Add(Stopwatch.GetElapsedTime(begun).TotalMilliseconds);
        }

        double[] sorted = [.. ms.Order()];
        Figures.Report(output, "dashboard.overview.p50_ms", Figures.Percentile(sorted, 0.50), string.Create(CultureInfo.InvariantCulture, $"ms ({sorted.Length} requests, one at a time; max {sorted[^1]:0.#} ms)"));
        Figures.Report(output, "dashboard.overview.p95_ms", Figures.Percentile(sorted, 0.95), "ms (at most 300)");
        output.WriteLine($"machine.load_average: {MachineLoad.Describe()} (1, 5, 15 min; after the run)");
        await host.StopAsync(cancellationToken);
        await host.DisposeAsync();
    }

    /// <summary>A client holding the dashboard's cookie: the link opened, its form sent with its antiforgery token.</summary>
    private static async Task<HttpClient> SignInAsync(Uri link, Uri baseUri, CancellationToken cancellationToken)
    {
        HttpClient browser = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseUri };
        string form = await browser.GetStringAsync(link, cancellationToken);
        string token = WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value);
        using HttpResponseMessage signedIn = await browser.PostAsync(link, new FormUrlEncodedContent([new("__antiforgery", token)]), cancellationToken);
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in answered {(int)signedIn.StatusCode}.");
        }

        return browser;
    }

    /// <summary>Approvals waiting on ten approvers in two stages.</summary>
    private static Task SeedWaitingAsync(IWaitingApprovals waiting, int count, DateTimeOffset start, CancellationToken cancellationToken)
        => Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            DateTimeOffset at = start.AddHours(i);
            ApprovalItem item = new("post", PostIds.New(at), $"Waiting post #{i}");
            await waiting.WaitAsync(item, new ApprovalStage(1 + (i % 2), i % 2 == 0 ? "Communications" : "Legal", at.AddDays(3)), [$"approver{i % 10}@chorus.bench"], ct);
        });

    [GeneratedRegex("name=\"__antiforgery\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
