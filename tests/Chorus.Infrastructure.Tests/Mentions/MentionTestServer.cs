using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>
/// Kestrel on a loopback port chosen by the OS, standing in for a source's API. It records every request and answers
/// from scripted replies (each for the first request to a path) before falling back to <see cref="Handler"/>.
/// </summary>
internal sealed class MentionTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ServedRequest> _requests = new();
    private readonly List<(string Path, Reply Reply)> _scripted = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    private MentionTestServer(WebApplication app) => _app = app;

    /// <summary>Gets the server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Gets or sets what answers requests that no scripted reply is waiting for.</summary>
    public Func<ServedRequest, Reply> Handler { get; set; } = Reply.NotFound;

    /// <summary>Gets the requests received so far, in arrival order.</summary>
    public IReadOnlyList<ServedRequest> Requests => [.. _requests];

    public static async Task<MentionTestServer> StartAsync(Func<ServedRequest, Reply>? handler = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        MentionTestServer server = new(app);
        if (handler is not null)
        {
            server.Handler = handler;
        }

        app.Run(server.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Answers the next request to <paramref name="path"/> with <paramref name="reply"/>, whatever the handler would say.</summary>
    public void Script(string path, Reply reply)
    {
        lock (_gate)
        {
            _scripted.Add((path, reply));
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A test may stop the server early to make its source unreachable.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        using CancellationTokenSource grace = new(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        DateTimeOffset receivedAt = DateTimeOffset.UtcNow;
        using StreamReader reader = new(context.Request.Body);
        string body = await reader.ReadToEndAsync(context.RequestAborted);
        ServedRequest request = new(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal),
            context.Request.Headers.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body,
            receivedAt);
        _requests.Enqueue(request);

        Reply reply = TakeScripted(request.Path) ?? Handler(request);
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up waiting, as the test wanted.
                return;
            }
        }

        context.Response.StatusCode = reply.Status;
        foreach ((string name, string value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (reply.Body.Length > 0)
        {
            context.Response.ContentType = reply.ContentType;
            await context.Response.WriteAsync(reply.Body, context.RequestAborted);
        }
    }

    private Reply? TakeScripted(string path)
    {
        lock (_gate)
        {
            int index = _scripted.FindIndex(scripted => scripted.Path == path);
            if (index < 0)
            {
                return null;
            }

            Reply reply = _scripted[index].Reply;
            _scripted.RemoveAt(index);
            return reply;
        }
    }
}
