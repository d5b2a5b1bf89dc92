using System.Security.Cryptography;
using Chorus.Host;
using Chorus.LocalComponents;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Chorus.Benchmarks;

/// <summary>
/// The real self-host (<see cref="ChorusApp"/>) on a free loopback port against a benchmark's Azurite, with the settings
/// every benchmark over HTTP shares (its own task hub, signing key, API key, no monitor loop) plus the benchmark's own
/// and then the command line's overrides.
/// </summary>
internal static class BenchmarkHost
{
    /// <summary>The API key every benchmark host accepts (<c>X-Api-Key</c>).</summary>
    public const string ApiKey = "bench-key-0123456789abcdef";

    public static async Task<(WebApplication Host, Uri BaseUri)> StartAsync(
        string hubName, string connectionString, Dictionary<string, string?> settings, Dictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        Uri baseUri = new($"http://127.0.0.1:{LoopbackPort.GetFree()}/");
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Benchmark" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = baseUri.ToString(),
            ["Durable:ConnectionString"] = connectionString,
            ["Durable:HubName"] = hubName,
            ["Durable:WorkerId"] = "bench",
            ["Artefacts:ConnectionString"] = connectionString,
            ["Mail:Host"] = "127.0.0.1",
            ["Approvals:Links:SigningKeys:k"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Approvals:Links:ActiveKeyId"] = "k",
            ["Approvals:Links:PublicBaseUrl"] = baseUri.ToString(),
            ["Api:Keys:bench"] = ApiKey,
            ["Api:RateLimit:PermitsPerMinute"] = "1000000",
            ["Mentions:Monitor:Enabled"] = "false",
            ["Mentions:Triage:Teams:0:Name"] = "care",
            ["Mentions:Triage:Teams:0:Recipients:0"] = "care@chorus.bench",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.ClearProviders();
        builder.AddChorus();
        WebApplication app = builder.Build();
        app.MapChorus();
        await app.StartAsync(cancellationToken);
        return (app, baseUri);
    }
}
