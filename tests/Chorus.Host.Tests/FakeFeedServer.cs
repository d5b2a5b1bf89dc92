using System.Globalization;
using System.Net;
using System.Text;
using Chorus.LocalComponents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Chorus.Host.Tests;

/// <summary>A local RSS feed (Kestrel on loopback) whose items the test adds as it goes.</summary>
internal sealed class FakeFeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(string Id, string Text, DateTimeOffset At)> _items = [];

    private FakeFeedServer(WebApplication app, Uri feed)
    {
        _app = app;
        Feed = feed;
    }

    public Uri Feed { get; }

    public int Requests { get; private set; }

    /// <summary>Gets or sets a pause to ask for: while set, every request is answered 429 with this Retry-After.</summary>
    public TimeSpan? Throttle { get; set; }

    /// <summary>Gets or sets a failure to answer with: while set, every request is answered with this status.</summary>
    public int? FailWith { get; set; }

    public static async Task<FakeFeedServer> StartAsync()
    {
        int port = LoopbackPort.GetFree();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        WebApplication app = builder.Build();
        FakeFeedServer server = new(app, new Uri($"http://127.0.0.1:{port}/alerts.xml"));
        app.MapGet("/alerts.xml", (HttpResponse response) =>
        {
            server.Requests++;
            if (server.Throttle is { } pause)
            {
                response.Headers.RetryAfter = ((int)pause.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }

            if (server.FailWith is { } status)
            {
                return Results.StatusCode(status);
            }

            return Results.Text(server.Render(), "application/rss+xml", Encoding.UTF8);
        });
        await app.StartAsync();
        return server;
    }

    public void Add(string id, string text, DateTimeOffset at)
    {
        lock (_items)
        {
            _items.Add((id, text, at));
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private string Render()
    {
        StringBuilder xml = new("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Alerts</title><link>http://127.0.0.1/</link><description>test</description>");
        lock (_items)
        {
            foreach ((string id, string text, DateTimeOffset at) in _items.OrderByDescending(i => i.At))
            {
                xml.Append(CultureInfo.InvariantCulture, $"<item><guid isPermaLink=\"false\">{WebUtility.HtmlEncode(id)}</guid><title>{WebUtility.HtmlEncode(text[..Math.Min(20, text.Length)])}</title><link>https://social.example/{id}</link><description>{WebUtility.HtmlEncode(text)}</description><pubDate>{at.ToString("r", CultureInfo.InvariantCulture)}</pubDate></item>");
            }
        }

        return xml.Append("</channel></rss>").ToString();
    }
}
