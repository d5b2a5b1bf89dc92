using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chorus.Posts;
using Chorus.Posts.Publishing;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Publishing;

/// <summary>
/// Bluesky: <c>com.atproto.repo.createRecord</c> of an <c>app.bsky.feed.post</c> under a record key made from the
/// idempotency key (<see cref="RecordKey"/>), so that whether an attempt went through is one
/// <c>com.atproto.repo.getRecord</c> away; with facets for links and mentions (<see cref="BlueskyFacets"/>) and, for a
/// reply, <c>root</c> and <c>parent</c> strong references (URI and CID) read with <c>app.bsky.feed.getPosts</c>. The
/// session comes from <c>com.atproto.server.createSession</c> with the app password and is refreshed with
/// <c>com.atproto.server.refreshSession</c> when the PDS says the access token expired.
/// </summary>
internal sealed class BlueskyPublisher(PublishingHttp http, IOptionsMonitor<PublishingOptions> options, TimeProvider time) : INetworkPublisher
{
    private const string Network = "Bluesky";
    private const string Collection = "app.bsky.feed.post";

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.OrdinalIgnoreCase);

    PublishingNetwork INetworkPublisher.Network => PublishingNetwork.Bluesky;

    public async Task<PublishedPost> PublishAsync(string name, PublishingAccountOptions account, PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(request);
        Uri pds = Base(account);
        string rkey = RecordKey.For(request.IdempotencyKey, request.KeyRecordedAt);
        Session session = await SessionAsync(name, account, pds, cancellationToken).ConfigureAwait(false);
        JsonObject record = new()
        {
            ["$type"] = Collection,
            ["text"] = request.Text,
            ["createdAt"] = request.KeyRecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        if (request is { Kind: PostKind.Reply, InReplyTo: { } target })
        {
            record["reply"] = await ReplyRefsAsync(name, account, pds, target, cancellationToken).ConfigureAwait(false);
        }

        if (await BlueskyFacets.BuildAsync(request.Text, handle => ResolveAsync(pds, handle, cancellationToken)).ConfigureAwait(false) is { } facets)
        {
            record["facets"] = facets;
        }

        return await CreateOnce.RunAsync(
            token => FindAsync(name, account, pds, session.Did, rkey, token),
            async token =>
            {
                JsonObject body = new() { ["repo"] = session.Did, ["collection"] = Collection, ["rkey"] = rkey, ["record"] = record.DeepClone() };
                NetworkResponse response = await AuthorizedAsync(name, account, pds, jwt => PublishingHttp.Request(HttpMethod.Post, new Uri(pds, "xrpc/com.atproto.repo.createRecord"), jwt, body), token).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    throw PublishingHttp.Failure(Network, response, Credentials(name));
                }

                return Published(session.Did, response.String("uri") ?? $"at://{session.Did}/{Collection}/{rkey}");
            },
            request.MayExist,
            options.CurrentValue,
            time,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The post's public address on bsky.app, from its <c>at://</c> URI.</summary>
    private static PublishedPost Published(string did, string uri)
        => new(uri, new Uri($"https://bsky.app/profile/{did}/post/{uri[(uri.LastIndexOf('/') + 1)..]}"));

    private static Uri Base(PublishingAccountOptions account)
    {
        Uri configured = account.EffectiveBaseUrl!;
        return configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/");
    }

    private static string Credentials(string name) => $"Publishing:Accounts:{name}:Identifier and Publishing:Accounts:{name}:AppPassword";

    /// <summary>An expired or revoked access token: a 401, or the 400 <c>ExpiredToken</c> / <c>InvalidToken</c> a PDS sends.</summary>
    private static bool IsExpired(NetworkResponse response)
        => response.Status == HttpStatusCode.Unauthorized || (response.Status == HttpStatusCode.BadRequest && response.String("error") is "ExpiredToken" or "InvalidToken");

    /// <summary>The record an earlier attempt made under <paramref name="rkey"/>, or null when there is none.</summary>
    private async Task<PublishedPost?> FindAsync(string name, PublishingAccountOptions account, Uri pds, string did, string rkey, CancellationToken cancellationToken)
    {
        Uri uri = new(pds, $"xrpc/com.atproto.repo.getRecord?repo={Uri.EscapeDataString(did)}&collection={Collection}&rkey={rkey}");
        NetworkResponse response = await AuthorizedAsync(name, account, pds, jwt => PublishingHttp.Request(HttpMethod.Get, uri, jwt), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            return Published(did, response.String("uri") ?? $"at://{did}/{Collection}/{rkey}");
        }

        // getRecord answers 400 RecordNotFound (some PDS versions 404) for a key nobody wrote.
        return response.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound ? null : throw PublishingHttp.Failure(Network, response, Credentials(name));
    }

    /// <summary>The <c>reply</c> of a post answering <paramref name="target"/>: the post as parent, its thread's root as root.</summary>
    private async Task<JsonObject> ReplyRefsAsync(string name, PublishingAccountOptions account, Uri pds, ReplyTarget target, CancellationToken cancellationToken)
    {
        Uri uri = new(pds, $"xrpc/app.bsky.feed.getPosts?uris={Uri.EscapeDataString(target.SourceId)}");
        NetworkResponse response = await AuthorizedAsync(name, account, pds, jwt => PublishingHttp.Request(HttpMethod.Get, uri, jwt), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw PublishingHttp.Failure(Network, response, Credentials(name));
        }

        if (!response.Body.TryGetProperty("posts", out JsonElement posts) || posts.ValueKind != JsonValueKind.Array || posts.GetArrayLength() == 0)
        {
            throw new PublishingException($"{Network} no longer has the post this reply answers ({target.SourceId}): it was deleted, or its author blocks the account.", permanent: true);
        }

        JsonElement parent = posts[0];
        JsonObject parentRef = new() { ["uri"] = parent.GetProperty("uri").GetString(), ["cid"] = parent.GetProperty("cid").GetString() };
        JsonNode rootRef = parent.TryGetProperty("record", out JsonElement record) && record.TryGetProperty("reply", out JsonElement reply) && reply.TryGetProperty("root", out JsonElement root)
            ? JsonNode.Parse(root.GetRawText())!
            : parentRef.DeepClone();
        return new JsonObject { ["root"] = rootRef, ["parent"] = parentRef };
    }

    /// <summary>The DID of <paramref name="handle"/>, or null when it is no Bluesky account: its mention then stays plain text.</summary>
    private async Task<string?> ResolveAsync(Uri pds, string handle, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = PublishingHttp.Request(HttpMethod.Get, new Uri(pds, $"xrpc/com.atproto.identity.resolveHandle?handle={Uri.EscapeDataString(handle)}"), token: null);
        NetworkResponse response = await http.SendAsync(Network, request, cancellationToken).ConfigureAwait(false);
        return response.IsSuccess ? response.String("did") : null;
    }

    /// <summary>Sends a request with the session's access token, refreshing the session once when the PDS says it expired.</summary>
    private async Task<NetworkResponse> AuthorizedAsync(string name, PublishingAccountOptions account, Uri pds, Func<string, HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        Session session = await SessionAsync(name, account, pds, cancellationToken).ConfigureAwait(false);
        using (HttpRequestMessage request = build(session.AccessJwt))
        {
            NetworkResponse response = await http.SendAsync(Network, request, cancellationToken).ConfigureAwait(false);
            if (!IsExpired(response))
            {
                return response;
            }
        }

        session = await RefreshAsync(name, account, pds, session, cancellationToken).ConfigureAwait(false);
        using HttpRequestMessage again = build(session.AccessJwt);
        return await http.SendAsync(Network, again, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Session> SessionAsync(string name, PublishingAccountOptions account, Uri pds, CancellationToken cancellationToken)
        => _sessions.TryGetValue(name, out Session? session) ? session : await CreateSessionAsync(name, account, pds, cancellationToken).ConfigureAwait(false);

    private async Task<Session> CreateSessionAsync(string name, PublishingAccountOptions account, Uri pds, CancellationToken cancellationToken)
    {
        JsonObject body = new() { ["identifier"] = account.Identifier, ["password"] = account.AppPassword };
        using HttpRequestMessage request = PublishingHttp.Request(HttpMethod.Post, new Uri(pds, "xrpc/com.atproto.server.createSession"), token: null, body, repeatable: true);
        NetworkResponse response = await http.SendAsync(Network, request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            // A wrong app password is a 401 AuthenticationRequired, which is the account's fault, not the post's.
            throw response.Status == HttpStatusCode.BadRequest && response.String("error") is "AuthenticationRequired" or "AccountTakedown"
                ? PublishingHttp.Failure(Network, response with { Status = HttpStatusCode.Unauthorized }, Credentials(name))
                : PublishingHttp.Failure(Network, response, Credentials(name));
        }

        return Keep(name, response);
    }

    private async Task<Session> RefreshAsync(string name, PublishingAccountOptions account, Uri pds, Session session, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = PublishingHttp.Request(HttpMethod.Post, new Uri(pds, "xrpc/com.atproto.server.refreshSession"), session.RefreshJwt);
        NetworkResponse response = await http.SendAsync(Network, request, cancellationToken).ConfigureAwait(false);

        // A refresh token expires too (after about two months): then a new session, from the app password.
        return response.IsSuccess ? Keep(name, response) : await CreateSessionAsync(name, account, pds, cancellationToken).ConfigureAwait(false);
    }

    private Session Keep(string name, NetworkResponse response)
    {
        Session session = new(
            response.String("did") ?? throw new PublishingException($"{Network} opened a session without a DID.", permanent: false),
            response.String("accessJwt") ?? throw new PublishingException($"{Network} opened a session without an access token.", permanent: false),
            response.String("refreshJwt") ?? string.Empty);
        _sessions[name] = session;
        return session;
    }

    private sealed record Session(string Did, string AccessJwt, string RefreshJwt);
}
