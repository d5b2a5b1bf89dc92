using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Chorus.Host;
using Chorus.Host.Mentions;
using Chorus.LocalComponents;
using Chorus.Posts.Listing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chorus.Benchmarks.Api;

/// <summary>
/// The list endpoints over HTTP against the real self-host (<see cref="ChorusApp"/>) on in-memory Azurite, with 10,000
/// posts and 10,000 mentions in the store. Posts are listed through the host's own <see cref="IPostIndex"/>, as the
/// submission handler and the review write them (listed as submitted, then moved to their statuses); mentions go
/// through the real intake (<see cref="MentionIntake"/>: scoring, classification, artefacts, list index), a poll's
/// worth at a time. Then, one request at a time: each list's first page of 50 and nine pages after it by following
/// <c>next</c>, a status-filtered list (five pages) and an author-filtered one, ten rounds of each.
/// </summary>
/// <remarks>Arguments are configuration overrides, <c>Key=Value</c>: <c>Bench:Posts</c> (10000), <c>Bench:Mentions</c> (10000), <c>Bench:Rounds</c> (10).</remarks>
internal sealed class ApiBenchmark : IBenchmark
{
    private const string ApiKey = BenchmarkHost.ApiKey;
    private const int PageSize = 50;
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] MentionTexts = ["Chorus made onboarding easy, thanks team!", "Is the Chorus app down for anyone else today?", "Had a chat with Chorus support about billing.", "Chorus is fine I guess, nothing special."];

    /// <summary>Nobody is needed for any mention: the intake records them all, as most mentions are.</summary>
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Mentions:Triage:NegativeThreshold"] = "-1",
        ["Mentions:Triage:UrgentTerms:en:0"] = "no-such-urgent-term",
    };

    public string Name => "api";

    public async Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        Dictionary<string, string?> overrides = Overrides.Parse(args);
        output.WriteLine($"machine.load_average: {MachineLoad.Describe()} (1, 5, 15 min; before the run)");
        await using AzuriteServer azurite = await AzuriteServer.StartAsync(cancellationToken);
        (WebApplication host, Uri baseUri) = await BenchmarkHost.StartAsync("api", azurite.ConnectionString, Settings, overrides, cancellationToken);
        int posts = host.Configuration.GetValue("Bench:Posts", 10_000), mentions = host.Configuration.GetValue("Bench:Mentions", 10_000), rounds = host.Configuration.GetValue("Bench:Rounds", 10);

        Stopwatch clock = Stopwatch.StartNew();
        await BenchmarkSeed.PostsAsync(host.Services.GetRequiredService<IPostIndex>(), posts, Start, 100, cancellationToken);
        Figures.Report(output, "api.posts_seeded_per_s", posts / clock.Elapsed.TotalSeconds, string.Create(CultureInfo.InvariantCulture, $"posts/s ({posts} posts listed and moved through IPostIndex in {clock.Elapsed.TotalSeconds:0.#} s)"));
        clock.Restart();
        await BenchmarkSeed.MentionsAsync(host.Services, mentions, Start, 50, MentionTexts, cancellationToken);
        Figures.Report(output, "api.mentions_seeded_per_s", mentions / clock.Elapsed.TotalSeconds, string.Create(CultureInfo.InvariantCulture, $"mentions/s ({mentions} mentions through the intake in {clock.Elapsed.TotalSeconds:0.#} s)"));

        using HttpClient api = new() { BaseAddress = baseUri };
        api.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        string author = BenchmarkSeed.Author(3);
        (string Name, string First, int Pages, long Total)[] lists =
        [
            ("posts_first_and_next", $"api/posts?pageSize={PageSize}", 10, posts),
            ("posts_by_status", $"api/posts?status=Approved&pageSize={PageSize}", 5, -1),
            ("posts_by_author", $"api/posts?author={author}&pageSize={PageSize}", 5, -1),
            ("mentions_first_and_next", $"api/mentions?pageSize={PageSize}", 10, mentions),
            ("mentions_by_source_and_label", $"api/mentions?source=forum&label=positive&pageSize={PageSize}", 5, -1),
        ];

        // Warm-up: one round of everything, checking that the lists hold what was seeded.
        foreach ((string name, string first, int pages, long total) in lists)
        {
            (_, long listed) = await ReadPagesAsync(api, first, pages, cancellationToken);
            if (total >= 0 && listed != total)
            {
                throw new InvalidOperationException($"{name}: the list says {listed} in total, not {total}.");
            }

            output.WriteLine($"api.{name}.total: {listed} items ({first})");
        }

        Dictionary<string, List<double>> timings = lists.ToDictionary(l => l.Name, _ => new List<double>());
        for (int round = 0; round < rounds; round++)
        {
            foreach ((string name, string first, int pages, _) in lists)
            {
                (List<double> ms, _) = await ReadPagesAsync(api, first, pages, cancellationToken);
                timings[name].AddRange(ms);
            }
        }

        foreach ((string name, List<double> ms) in timings)
        {
            double[] sorted = [.. ms.Order()];
            Figures.Report(output, $"api.{name}.p50_ms", Figures.Percentile(sorted, 0.50), string.Create(CultureInfo.InvariantCulture, $"ms ({sorted.Length} requests; p95 {Figures.Percentile(sorted, 0.95):0.#} ms, max {sorted[^1]:0.#} ms)"));
        }

        foreach (string list in new[] { "posts", "mentions" })
        {
            double[] sorted = [.. timings.Where(t => t.Key.StartsWith(list, StringComparison.Ordinal)).SelectMany(t => t.Value).Order()];
            Figures.Report(output, $"api.{list}_list.p50_ms", Figures.Percentile(sorted, 0.50), $"ms (every {list} list request above: {sorted.Length})");
            Figures.Report(output, $"api.{list}_list.p95_ms", Figures.Percentile(sorted, 0.95), "ms");
        }

        output.WriteLine($"machine.load_average: {MachineLoad.Describe()} (1, 5, 15 min; after the run)");
        await host.StopAsync(cancellationToken);
        await host.DisposeAsync();
    }

    /// <summary>Reads a first page and follows <c>next</c>, timing each request; and the total the list gave.</summary>
    private static async Task<(List<double> Milliseconds, long Total)> ReadPagesAsync(HttpClient api, string first, int pages, CancellationToken cancellationToken)
    {
        List<double> ms = [];
        string? url = first;
        long total = -1;
        while (url is not null && ms.Count < pages)
        {
            long start = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await api.GetAsync(url, cancellationToken);
            JsonElement page = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            total = page.GetProperty("total").GetInt64();
            url = page.GetProperty("next").GetString();
        }

        return (ms, total);
    }
}
