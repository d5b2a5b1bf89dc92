using Chorus.LocalComponents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Chorus.Host.Tests.Telemetry;

/// <summary>
/// A local stand-in for a telemetry backend (an OTLP collector, Application Insights' ingestion): Kestrel on loopback
/// that answers 200 to everything and remembers what was sent where.
/// </summary>
internal sealed class TelemetryReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<string> _requests = [];

    private TelemetryReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Gets each request received so far as "METHOD /path".</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<TelemetryReceiver> StartAsync()
    {
        int port = LoopbackPort.GetFree();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        WebApplication app = builder.Build();
        TelemetryReceiver receiver = new(app, new Uri($"http://127.0.0.1:{port}/"));
        app.Run(async context =>
        {
            lock (receiver._requests)
            {
                receiver._requests.Add($"{context.Request.Method} {context.Request.Path}");
            }

            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
