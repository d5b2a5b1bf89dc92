using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chorus.Tests.Publishing;

/// <summary>
/// Kestrel on loopback behaving like the three networks' write APIs, as documented and as observed: Mastodon
/// (statuses, Idempotency-Key kept and answered with the first status, search), a Bluesky PDS (sessions with expiring
/// access tokens, createRecord that fails with a 500 on a record key already taken as real PDSes do, getRecord,
/// getPosts, resolveHandle) and X (tweets, a 403 on duplicate content, users/me, the user's recent tweets with links
/// shortened to t.co). Faults queued per network apply to the next create: throttling with Retry-After, a server error,
/// accepting the post and then not answering in time, a refused token.
/// </summary>
internal sealed class FakeNetworks : IAsyncDisposable
{
    public const string Token = "good-token";
    public const string BlueskyHandle = "chorus.test";
    public const string BlueskyPassword = "app-pass-word";
    public const string BlueskyDid = "did:plc:chorusfake";
    public const string XUserId = "4242";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Fault>> _faults = new();
    private readonly ConcurrentDictionary<string, JsonObject> _blueskyThread = new();
    private readonly ConcurrentDictionary<string, string> _handles = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, FakePost> _mastodonKeys = new();
    private readonly List<FakePost> _posts = [];
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly Lock _gate = new();
    private int _accessGeneration = 1;
    private int _nextId = 1000;

    private FakeNetworks(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Gets the posts each network holds, in the order they were made.</summary>
    public IReadOnlyList<FakePost> Posts
    {
        get
        {
            lock (_gate)
            {
                return [.. _posts];
            }
        }
    }

    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    public static async Task<FakeNetworks> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        FakeNetworks server = new(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Queues a fault for the next create on <paramref name="network"/> ("mastodon", "bluesky", "x").</summary>
    public void Fail(string network, Fault fault) => _faults.GetOrAdd(network, _ => new ConcurrentQueue<Fault>()).Enqueue(fault);

    /// <summary>Makes every access token issued so far expire: the next call with one gets Bluesky's 400 ExpiredToken.</summary>
    public void ExpireBlueskyAccess() => Interlocked.Increment(ref _accessGeneration);

    /// <summary>Adds a Bluesky post others can reply to; <paramref name="root"/> is its thread's root, if it is itself a reply.</summary>
    public void AddBlueskyPost(string uri, string cid, string text, (string Uri, string Cid)? root = null)
    {
        JsonObject record = new() { ["$type"] = "app.bsky.feed.post", ["text"] = text, ["createdAt"] = "2026-11-30T10:00:00.000Z" };
        if (root is { } r)
        {
            record["reply"] = new JsonObject { ["root"] = new JsonObject { ["uri"] = r.Uri, ["cid"] = r.Cid }, ["parent"] = new JsonObject { ["uri"] = r.Uri, ["cid"] = r.Cid } };
        }

        _blueskyThread[uri] = new JsonObject { ["uri"] = uri, ["cid"] = cid, ["record"] = record };
    }

    public void AddBlueskyHandle(string handle, string did) => _handles[handle] = did;

    public async ValueTask DisposeAsync()
    {
        using CancellationTokenSource grace = new(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }

    private static Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static string Cid(string text) => "bafyrei" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];

    private async Task HandleAsync(HttpContext context)
    {
        using StreamReader reader = new(context.Request.Body);
        string body = await reader.ReadToEndAsync();
        string path = context.Request.Path.Value ?? string.Empty;
        _requests.Enqueue(new FakeRequest(
            DateTimeOffset.UtcNow,
            context.Request.Method,
            path,
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));
        string? bearer = context.Request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null;
        switch (path)
        {
            case "/api/v1/statuses":
                await MastodonStatusAsync(context, bearer, body);
                return;
            case "/api/v2/search":
                await Json(context, 200, new JsonObject { ["statuses"] = new JsonArray(new JsonObject { ["id"] = "resolved-" + context.Request.Query["q"].ToString().Length }) });
                return;
            case "/xrpc/com.atproto.server.createSession":
                await BlueskySessionAsync(context, body);
                return;
            case "/xrpc/com.atproto.server.refreshSession":
                await BlueskyRefreshAsync(context, bearer);
                return;
            case "/xrpc/com.atproto.identity.resolveHandle":
                await (_handles.TryGetValue(context.Request.Query["handle"].ToString(), out string? did)
                    ? Json(context, 200, new JsonObject { ["did"] = did })
                    : Json(context, 400, new JsonObject { ["error"] = "InvalidRequest", ["message"] = "Unable to resolve handle" }));
                return;
            case "/xrpc/com.atproto.repo.createRecord":
            case "/xrpc/com.atproto.repo.getRecord":
            case "/xrpc/app.bsky.feed.getPosts":
                if (!BlueskyAccessOk(bearer))
                {
                    await Json(context, 400, new JsonObject { ["error"] = "ExpiredToken", ["message"] = "Token has expired" });
                    return;
                }

                await (path switch
                {
                    "/xrpc/com.atproto.repo.createRecord" => BlueskyCreateAsync(context, body),
                    "/xrpc/com.atproto.repo.getRecord" => BlueskyGetRecordAsync(context),
                    _ => BlueskyGetPostsAsync(context),
                });
                return;
            case "/2/tweets":
                await XTweetAsync(context, bearer, body);
                return;
            case "/2/users/me":
                await (bearer == Token
                    ? Json(context, 200, new JsonObject { ["data"] = new JsonObject { ["id"] = XUserId, ["username"] = "chorus" } })
                    : XUnauthorized(context));
                return;
            case "/2/users/" + XUserId + "/tweets":
                await XTimelineAsync(context, bearer);
                return;
            default:
                context.Response.StatusCode = 404;
                return;
        }
    }

    /// <summary>Applies the next queued fault for <paramref name="network"/>: whether it answered, and how long to hang after accepting the post.</summary>
    private async Task<(bool Answered, TimeSpan? Stall)> FaultAsync(HttpContext context, string network, Func<HttpContext, Task> refuse)
    {
        if (!_faults.TryGetValue(network, out ConcurrentQueue<Fault>? queue) || !queue.TryDequeue(out Fault? fault))
        {
            return (false, null);
        }

        switch (fault.Kind)
        {
            case FaultKind.Throttle:
                context.Response.Headers.RetryAfter = ((int)fault.Wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await Json(context, 429, new JsonObject { ["error"] = "Too many requests" });
                return (true, null);
            case FaultKind.ServerError:
                await Json(context, 503, new JsonObject { ["error"] = "InternalServerError", ["message"] = "Internal Server Error" });
                return (true, null);
            case FaultKind.Refuse:
                await refuse(context);
                return (true, null);
            default:
                return (false, fault.Wait);
        }
    }

    private static async Task StallAsync(HttpContext context, TimeSpan? stall)
    {
        if (stall is { } wait)
        {
            try
            {
                await Task.Delay(wait, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, as intended: the post is made all the same.
            }
        }
    }

    private FakePost Add(string network, string id, string text, JsonNode request, string? key = null)
    {
        FakePost post = new(network, id, text, request.DeepClone(), key);
        lock (_gate)
        {
            _posts.Add(post);
        }

        return post;
    }

    private async Task MastodonStatusAsync(HttpContext context, string? bearer, string body)
    {
        if (bearer != Token)
        {
            await Json(context, 401, new JsonObject { ["error"] = "The access token is invalid" });
            return;
        }

        string key = context.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 0 && _mastodonKeys.TryGetValue(key, out FakePost? known))
        {
            await Json(context, 200, MastodonStatus(known));
            return;
        }

        (bool answered, TimeSpan? stall) = await FaultAsync(context, "mastodon", c => Json(c, 403, new JsonObject { ["error"] = "This action is not allowed" }));
        if (answered)
        {
            return;
        }

        JsonNode request = JsonNode.Parse(body)!;
        FakePost post;
        lock (_gate)
        {
            post = Add("mastodon", (_nextId++).ToString(CultureInfo.InvariantCulture), request["status"]!.GetValue<string>(), request, key);
        }

        if (key.Length > 0)
        {
            _mastodonKeys[key] = post;
        }

        await StallAsync(context, stall);
        await Json(context, 200, MastodonStatus(post));
    }

    private JsonObject MastodonStatus(FakePost post)
        => new() { ["id"] = post.Id, ["url"] = new Uri(BaseUri, $"@chorus/{post.Id}").ToString(), ["uri"] = new Uri(BaseUri, $"users/chorus/statuses/{post.Id}").ToString(), ["content"] = "<p>" + post.Text + "</p>" };

    private async Task BlueskySessionAsync(HttpContext context, string body)
    {
        JsonNode request = JsonNode.Parse(body)!;
        if (request["identifier"]?.GetValue<string>() != BlueskyHandle || request["password"]?.GetValue<string>() != BlueskyPassword)
        {
            await Json(context, 401, new JsonObject { ["error"] = "AuthenticationRequired", ["message"] = "Invalid identifier or password" });
            return;
        }

        await Json(context, 200, Session());
    }

    private async Task BlueskyRefreshAsync(HttpContext context, string? bearer)
    {
        await (bearer == "refresh-" + BlueskyDid
            ? Json(context, 200, Session())
            : Json(context, 400, new JsonObject { ["error"] = "ExpiredToken", ["message"] = "Token has expired" }));
    }

    private JsonObject Session()
        => new() { ["did"] = BlueskyDid, ["handle"] = BlueskyHandle, ["accessJwt"] = "access-" + Volatile.Read(ref _accessGeneration), ["refreshJwt"] = "refresh-" + BlueskyDid };

    private bool BlueskyAccessOk(string? bearer) => bearer == "access-" + Volatile.Read(ref _accessGeneration);

    private async Task BlueskyCreateAsync(HttpContext context, string body)
    {
        JsonNode request = JsonNode.Parse(body)!;
        string rkey = request["rkey"]?.GetValue<string>() ?? (_nextId++).ToString(CultureInfo.InvariantCulture);
        string uri = $"at://{BlueskyDid}/app.bsky.feed.post/{rkey}";
        bool taken;
        lock (_gate)
        {
            taken = _posts.Any(p => p.Network == "bluesky" && p.Id == uri);
        }

        if (taken)
        {
            // What bsky.social's PDS answers today to a second create under a taken record key.
            await Json(context, 500, new JsonObject { ["error"] = "InternalServerError", ["message"] = "Internal Server Error" });
            return;
        }

        (bool answered, TimeSpan? stall) = await FaultAsync(context, "bluesky", c => Json(c, 401, new JsonObject { ["error"] = "AuthMissing", ["message"] = "Bad token scope" }));
        if (answered)
        {
            return;
        }

        Add("bluesky", uri, request["record"]!["text"]!.GetValue<string>(), request);
        await StallAsync(context, stall);
        await Json(context, 200, new JsonObject { ["uri"] = uri, ["cid"] = Cid(uri), ["validationStatus"] = "valid" });
    }

    private async Task BlueskyGetRecordAsync(HttpContext context)
    {
        string uri = $"at://{context.Request.Query["repo"]}/{context.Request.Query["collection"]}/{context.Request.Query["rkey"]}";
        FakePost? post;
        lock (_gate)
        {
            post = _posts.FirstOrDefault(p => p.Network == "bluesky" && p.Id == uri);
        }

        await (post is null
            ? Json(context, 400, new JsonObject { ["error"] = "RecordNotFound", ["message"] = $"Could not locate record: {uri}" })
            : Json(context, 200, new JsonObject { ["uri"] = uri, ["cid"] = Cid(uri), ["value"] = post.Request["record"]!.DeepClone() }));
    }

    private async Task BlueskyGetPostsAsync(HttpContext context)
    {
        JsonArray posts = [];
        foreach (string? uri in context.Request.Query["uris"])
        {
            if (uri is not null && _blueskyThread.TryGetValue(uri, out JsonObject? post))
            {
                posts.Add(post.DeepClone());
            }
        }

        await Json(context, 200, new JsonObject { ["posts"] = posts });
    }

    private static Task XUnauthorized(HttpContext context)
        => Json(context, 401, new JsonObject { ["title"] = "Unauthorized", ["type"] = "about:blank", ["status"] = 401, ["detail"] = "Unauthorized" });

    private async Task XTweetAsync(HttpContext context, string? bearer, string body)
    {
        if (bearer != Token)
        {
            await XUnauthorized(context);
            return;
        }

        JsonNode request = JsonNode.Parse(body)!;
        string text = request["text"]!.GetValue<string>();
        bool duplicate;
        lock (_gate)
        {
            duplicate = _posts.Any(p => p.Network == "x" && p.Text == text);
        }

        if (duplicate)
        {
            await Json(context, 403, new JsonObject { ["detail"] = "You are not allowed to create a Tweet with duplicate content.", ["type"] = "about:blank", ["title"] = "Forbidden", ["status"] = 403 });
            return;
        }

        (bool answered, TimeSpan? stall) = await FaultAsync(context, "x", XUnauthorized);
        if (answered)
        {
            return;
        }

        FakePost post;
        lock (_gate)
        {
            post = Add("x", (_nextId++ * 1_000_003L).ToString(CultureInfo.InvariantCulture), text, request);
        }

        await StallAsync(context, stall);
        await Json(context, 201, new JsonObject { ["data"] = new JsonObject { ["id"] = post.Id, ["text"] = Shortened(text).Text, ["edit_history_tweet_ids"] = new JsonArray(post.Id) } });
    }

    private async Task XTimelineAsync(HttpContext context, string? bearer)
    {
        if (bearer != Token)
        {
            await XUnauthorized(context);
            return;
        }

        JsonArray data = [];
        foreach (FakePost post in Posts.Where(p => p.Network == "x").Reverse())
        {
            (string text, JsonArray urls) = Shortened(post.Text);
            data.Add(new JsonObject { ["id"] = post.Id, ["text"] = text, ["created_at"] = "2026-12-01T03:00:00.000Z", ["entities"] = new JsonObject { ["urls"] = urls } });
        }

        await Json(context, 200, data.Count == 0 ? new JsonObject { ["meta"] = new JsonObject { ["result_count"] = 0 } } : new JsonObject { ["data"] = data });
    }

    /// <summary>The text as X gives it back: each link a t.co address, with the original in entities; &amp;, &lt; and &gt; escaped.</summary>
    private static (string Text, JsonArray Urls) Shortened(string text)
    {
        JsonArray urls = [];
        StringBuilder result = new();
        int i = 0;
        foreach (Chorus.Posts.Publishing.TextLink link in Chorus.Posts.Publishing.TextLink.Find(text))
        {
            result.Append(Escape(text[i..link.Start]));
            string shortUrl = "https://t.co/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(link.Uri.ToString())))[..10];
            result.Append(shortUrl);
            urls.Add(new JsonObject { ["url"] = shortUrl, ["expanded_url"] = text.Substring(link.Start, link.Length), ["display_url"] = link.Uri.Host });
            i = link.Start + link.Length;
        }

        result.Append(Escape(text[i..]));
        return (result.ToString(), urls);
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}

/// <summary>A post a fake network holds: its id there, its text, and the request that made it.</summary>
internal sealed record FakePost(string Network, string Id, string Text, JsonNode Request, string? IdempotencyKey);

/// <summary>A request a fake network received.</summary>
internal sealed record FakeRequest(DateTimeOffset ReceivedAt, string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);

internal enum FaultKind
{
    Throttle,
    ServerError,
    AcceptThenStall,
    Refuse,
}

/// <summary>What a fake network does to the next create.</summary>
internal sealed record Fault(FaultKind Kind, TimeSpan Wait = default)
{
    public static Fault Throttle(TimeSpan retryAfter) => new(FaultKind.Throttle, retryAfter);

    public static Fault ServerError() => new(FaultKind.ServerError);

    public static Fault AcceptThenStall(TimeSpan stall) => new(FaultKind.AcceptThenStall, stall);

    public static Fault Refuse() => new(FaultKind.Refuse);
}
