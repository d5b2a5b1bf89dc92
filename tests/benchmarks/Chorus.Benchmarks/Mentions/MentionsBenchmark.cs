using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Chorus.Host;
using Chorus.Host.Mentions;
using Chorus.LocalComponents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chorus.Benchmarks.Mentions;

/// <summary>
/// 10,000 mentions from a local RSS feed through the real pipeline: polling, parsing, VADER scoring, classification
/// and artefact storage on in-memory Azurite (thresholds set so no mention needs a person).
/// </summary>
internal sealed class MentionsBenchmark : IBenchmark
{
    private const int Items = 10_000;

    public string Name => "mentions";

    public async Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        await using AzuriteServer azurite = await AzuriteServer.StartAsync(cancellationToken);
        double rawWrites = await StorageBaseline.MeasureWritesPerSecondAsync(azurite.ConnectionString, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storage.blob_writes_per_s: {rawWrites:0.#} writes/s"));
        await using WebApplication feed = await StartFeedAsync(cancellationToken);
        string feedUrl = feed.Urls.First() + "/feed.xml";
        WebApplication host = await StartHostAsync(azurite.ConnectionString, feedUrl, cancellationToken);
        Stopwatch clock = Stopwatch.StartNew();
        int taken;
        await using (AsyncServiceScope scope = host.Services.CreateAsyncScope())
        {
            taken = await scope.ServiceProvider.GetRequiredService<MentionMonitor>().PollAsync("bench", cancellationToken);
        }

        clock.Stop();
        if (taken != Items)
        {
            throw new InvalidOperationException($"The pipeline took {taken} mentions, not {Items}.");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mentions.pipeline_per_s: {Items / clock.Elapsed.TotalSeconds:0.#} mentions/s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mentions.pipeline_seconds: {clock.Elapsed.TotalSeconds:0.##} s"));
        await host.StopAsync(cancellationToken);
        await host.DisposeAsync();
    }

    private static async Task<WebApplication> StartFeedAsync(CancellationToken cancellationToken)
    {
        StringBuilder xml = new("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>bench</title><link>http://127.0.0.1/</link><description>bench</description>");
        string[] texts = ["Chorus made onboarding easy, thanks team!", "Is the Chorus app down for anyone else today?", "Had a chat with Chorus support about billing.", "Chorus is fine I guess, nothing special."];
        DateTimeOffset start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = Items - 1; i >= 0; i--)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<item><guid isPermaLink=\"false\">bench-{i}</guid><title>item {i}</title><link>https://social.example/{i}</link><description>{WebUtility.HtmlEncode(texts[i % texts.Length])} #{i}</description><pubDate>{start.AddSeconds(i).ToString("r", CultureInfo.InvariantCulture)}</pubDate></item>");
        }

        byte[] body = Encoding.UTF8.GetBytes(xml.Append("</channel></rss>").ToString());
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{LoopbackPort.GetFree()}");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        app.MapGet("/feed.xml", () => Results.Bytes(body, "application/rss+xml"));
        await app.StartAsync(cancellationToken);
        return app;
    }

    private static async Task<WebApplication> StartHostAsync(string connectionString, string feedUrl, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Benchmark" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:{LoopbackPort.GetFree()}/",
            ["Durable:ConnectionString"] = connectionString,
            ["Artefacts:ConnectionString"] = connectionString,
            ["Mail:Host"] = "127.0.0.1",
            ["Approvals:Links:SigningKeys:k"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Approvals:Links:ActiveKeyId"] = "k",
            ["Approvals:Links:PublicBaseUrl"] = "http://127.0.0.1/",
            ["Mentions:Monitor:Enabled"] = "false",
            ["Mentions:Sources:bench:Kind"] = "Rss",
            ["Mentions:Sources:bench:Endpoint"] = feedUrl,
            ["Mentions:Sources:bench:Schedule"] = "0 0 1 1 *",
            ["Mentions:Sources:bench:MaxItemsPerPoll"] = Items.ToString(CultureInfo.InvariantCulture),
            ["Mentions:Triage:NegativeThreshold"] = "-1",
            ["Mentions:Triage:UrgentTerms:en:0"] = "no-such-urgent-term",
            ["Mentions:Triage:Teams:0:Name"] = "care",
            ["Mentions:Triage:Teams:0:Recipients:0"] = "care@chorus.local",
        });
        builder.Logging.ClearProviders();
        builder.AddChorus();
        WebApplication app = builder.Build();
        app.MapChorus();
        await app.StartAsync(cancellationToken);
        return app;
    }
}
