using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chorus.Sentiment.Tests.AzureLanguage;

/// <summary>Answers one request; what the fake service does for it.</summary>
internal delegate Task Responder(RecordedRequest request, HttpContext context);

/// <summary>
/// A real HTTP server (Kestrel on a loopback port chosen by the OS) standing in for Azure AI Language. It records
/// every request and answers from a script of responders, then from <see cref="Fallback"/>.
/// </summary>
internal sealed class FakeLanguageService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Responder> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private FakeLanguageService(WebApplication app) => _app = app;

    /// <summary>Gets the endpoint to configure the analyzer with, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Gets or sets the responder used once the script is exhausted.</summary>
    public Responder Fallback { get; set; } = FakeResponses.Echo;

    /// <summary>Gets the requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Starts a server on plain HTTP, or on HTTPS with <paramref name="certificate"/>.</summary>
    public static async Task<FakeLanguageService> StartAsync(X509Certificate2? certificate = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (certificate is not null)
        {
            // The slim builder leaves HTTPS out unless asked for.
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        }

        WebApplication app = builder.Build();
        app.Urls.Add(certificate is null ? "http://127.0.0.1:0" : "https://127.0.0.1:0");
        var service = new FakeLanguageService(app);
        app.Run(service.HandleAsync);
        await app.StartAsync();

        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        service.Endpoint = new Uri(address.TrimEnd('/') + "/");
        return service;
    }

    /// <summary>Queues responders for the next requests, in order.</summary>
    public void Enqueue(params Responder[] responders)
    {
        foreach (Responder responder in responders)
        {
            _script.Enqueue(responder);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A short grace period: slow-response tests leave requests the client has already given up on.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        long received = Stopwatch.GetTimestamp();
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in context.Request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty,
            headers,
            body.ToArray(),
            received);
        _requests.Enqueue(request);

        Responder responder = _script.TryDequeue(out Responder? scripted) ? scripted : Fallback;
        await responder(request, context);
    }
}
