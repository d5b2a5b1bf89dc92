using System.Globalization;
using System.Text.Json.Nodes;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>
/// A Bluesky PDS: <c>createSession</c> handing out a new access token each time, <c>searchPosts</c> and
/// <c>listNotifications</c> over recorded items, newest first with an opaque <c>cursor</c>, and <c>getProfiles</c> over
/// recorded profiles (at most 25 actors, unknown ones left out). Search's <c>since</c> is inclusive and compares
/// <c>sortAt</c>, the earlier of <c>createdAt</c> and <c>indexedAt</c>, as the AppView does.
/// </summary>
internal sealed class FakeBluesky
{
    public const string SessionPath = "/xrpc/com.atproto.server.createSession";
    public const string SearchPath = "/xrpc/app.bsky.feed.searchPosts";
    public const string NotificationsPath = "/xrpc/app.bsky.notification.listNotifications";
    public const string ProfilesPath = "/xrpc/app.bsky.actor.getProfiles";
    public const string AccountHandle = "acme.bsky.social";
    public const string AppPassword = "abcd-efgh-ijkl-mnop";

    private readonly List<JsonObject> _posts = [];
    private readonly List<JsonObject> _notifications = [];
    private readonly Dictionary<string, JsonObject> _profiles = [];
    private string? _token;

    public FakeBluesky() => PublishProfiles(Payloads.Json("bluesky-profiles.json"));

    public int PageSize { get; set; } = 2;

    public bool OverlappingPages { get; set; }

    /// <summary>Gets or sets a value indicating whether an expired token is answered as the PDS does (400 ExpiredToken) rather than 401.</summary>
    public bool ExpiredAs400 { get; set; }

    /// <summary>Gets how many sessions have been created.</summary>
    public int SessionsCreated { get; private set; }

    /// <summary>Makes every token handed out so far invalid.</summary>
    public void ExpireSession() => _token = null;

    public FakeBluesky PublishPosts(string payload) => PublishPosts(Payloads.Json(payload));

    public FakeBluesky PublishPosts(JsonNode recorded)
    {
        _posts.AddRange(recorded["posts"]!.AsArray().Select(node => node!.AsObject()));
        return this;
    }

    public FakeBluesky PublishProfiles(JsonNode recorded)
    {
        foreach (JsonNode? profile in recorded["profiles"]!.AsArray())
        {
            _profiles[(string)profile!["did"]!] = profile.AsObject();
        }

        return this;
    }

    /// <summary>Makes an account's profile unknown, as a deleted or suspended account's is.</summary>
    public void RemoveProfile(string did) => _profiles.Remove(did);

    public FakeBluesky PublishNotifications(string payload)
    {
        _notifications.AddRange(Payloads.Json(payload)["notifications"]!.AsArray().Select(node => node!.AsObject()));
        return this;
    }

    public Reply Handle(ServedRequest request)
    {
        if (request.Path == SessionPath && request.Method == "POST")
        {
            JsonNode? credentials = JsonNode.Parse(request.Body);
            if ((string?)credentials?["identifier"] != AccountHandle || (string?)credentials?["password"] != AppPassword)
            {
                return new Reply(401, """{"error":"AuthenticationRequired","message":"Invalid identifier or password"}""");
            }

            SessionsCreated++;
            _token = $"access-jwt-{SessionsCreated}";
            JsonNode session = Payloads.Json("bluesky-session.json");
            session["accessJwt"] = _token;
            return Reply.Json(session.ToJsonString());
        }

        if (request.Path is not (SearchPath or NotificationsPath or ProfilesPath))
        {
            return Reply.NotFound(request);
        }

        if (_token is null || request.Header("Authorization") != $"Bearer {_token}")
        {
            return ExpiredAs400
                ? new Reply(400, """{"error":"ExpiredToken","message":"Token has expired"}""")
                : new Reply(401, """{"error":"AuthenticationRequired","message":"Authentication Required"}""");
        }

        return request.Path switch
        {
            SearchPath => Search(request),
            NotificationsPath => Notifications(request),
            _ => Profiles(request),
        };
    }

    private Reply Profiles(ServedRequest request)
    {
        // The test server joins a repeated parameter's values with commas, which no DID contains.
        string[] actors = request.Param("actors")?.Split(',') ?? [];
        if (actors.Length is 0 or > 25)
        {
            string problem = actors.Length == 0 ? "Params must have the property \"actors\"" : "actors must not have more than 25 elements";
            return new Reply(400, new JsonObject { ["error"] = "InvalidRequest", ["message"] = $"Error: {problem}" }.ToJsonString());
        }

        JsonArray found = [.. actors.Where(_profiles.ContainsKey).Select(did => _profiles[did].DeepClone())];
        return Reply.Json(new JsonObject { ["profiles"] = found }.ToJsonString());
    }

    private Reply Search(ServedRequest request)
    {
        if (string.IsNullOrEmpty(request.Param("q")) || request.Param("sort") != "latest")
        {
            return new Reply(400, """{"error":"InvalidRequest","message":"q and sort=latest expected"}""");
        }

        DateTimeOffset? since = request.Param("since") is { } value ? DateTimeOffset.Parse(value, CultureInfo.InvariantCulture) : null;
        List<JsonObject> matching = [.. _posts.Where(post => since is null || SortAt(post) >= since).OrderByDescending(SortAt)];
        (List<JsonObject> page, string? cursor) = Page(matching, request);
        JsonObject body = new() { ["hitsTotal"] = matching.Count, ["posts"] = new JsonArray([.. page.Select(post => post.DeepClone())]) };
        if (cursor is not null)
        {
            body["cursor"] = cursor;
        }

        return Reply.Json(body.ToJsonString());
    }

    private Reply Notifications(ServedRequest request)
    {
        // Like a PDS that predates the reasons filter: every kind comes back.
        List<JsonObject> newestFirst = [.. _notifications.OrderByDescending(n => Time(n, "indexedAt"))];
        (List<JsonObject> page, string? cursor) = Page(newestFirst, request);
        JsonObject body = new() { ["notifications"] = new JsonArray([.. page.Select(n => n.DeepClone())]), ["priority"] = false };
        if (cursor is not null)
        {
            body["cursor"] = cursor;
        }

        return Reply.Json(body.ToJsonString());
    }

    private (List<JsonObject> Page, string? Cursor) Page(List<JsonObject> items, ServedRequest request)
    {
        int offset = request.Param("cursor") is { } cursor ? int.Parse(cursor, CultureInfo.InvariantCulture) : 0;
        int size = Math.Min(PageSize, int.Parse(request.Param("limit") ?? "50", CultureInfo.InvariantCulture));
        int start = OverlappingPages && offset > 0 ? offset - 1 : offset;
        List<JsonObject> page = [.. items.Skip(start).Take(offset + size - start)];
        return (page, offset + size < items.Count ? (offset + size).ToString(CultureInfo.InvariantCulture) : null);
    }

    private static DateTimeOffset SortAt(JsonObject post)
    {
        DateTimeOffset indexed = Time(post, "indexedAt");
        DateTimeOffset created = DateTimeOffset.Parse((string)post["record"]!["createdAt"]!, CultureInfo.InvariantCulture);
        return created < indexed ? created : indexed;
    }

    private static DateTimeOffset Time(JsonObject item, string name) => DateTimeOffset.Parse((string)item[name]!, CultureInfo.InvariantCulture);
}
