using System.Globalization;
using System.Text.Json.Nodes;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>
/// X API v2's user mention timeline and recent search over recorded posts: newest first, <c>since_id</c>,
/// <c>max_results</c> within the documented bounds, <c>pagination_token</c> from <c>meta.next_token</c>, the authors
/// under <c>includes.users</c>, and, as the request's <c>expansions</c> ask, the posts a page's posts retweet, quote or
/// reply to under <c>includes.tweets</c> with their authors. Pages are at most <see cref="PageSize"/> long.
/// </summary>
internal sealed class FakeX
{
    public const string UserId = "1612345678901234567";
    public const string MentionsPath = $"/2/users/{UserId}/mentions";
    public const string SearchPath = "/2/tweets/search/recent";
    public const string Token = "x-bearer-token";

    private readonly List<JsonObject> _posts = [];
    private readonly Dictionary<string, JsonObject> _users = [];
    private readonly Dictionary<string, JsonObject> _referenced = [];

    public int PageSize { get; set; } = 2;

    public bool OverlappingPages { get; set; }

    /// <summary>Gets how many posts the fake has returned (what X would bill).</summary>
    public int PostsReturned { get; private set; }

    public FakeX Publish(string payload) => Publish(Payloads.Json(payload));

    public FakeX Publish(JsonNode recorded)
    {
        _posts.AddRange(recorded["data"]!.AsArray().Select(node => node!.AsObject()));
        foreach (JsonNode? user in recorded["includes"]!["users"]!.AsArray())
        {
            _users[(string)user!["id"]!] = user.AsObject();
        }

        foreach (JsonNode? tweet in recorded["includes"]!["tweets"]?.AsArray() ?? [])
        {
            _referenced[(string)tweet!["id"]!] = tweet.AsObject();
        }

        return this;
    }

    public Reply Handle(ServedRequest request)
    {
        if (request.Path is not (MentionsPath or SearchPath))
        {
            return Reply.NotFound(request);
        }

        if (request.Header("Authorization") != $"Bearer {Token}")
        {
            return new Reply(401, """{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}""");
        }

        int minimum = request.Path == MentionsPath ? 5 : 10;
        if (!int.TryParse(request.Param("max_results"), CultureInfo.InvariantCulture, out int maxResults) || maxResults < minimum || maxResults > 100)
        {
            return new Reply(400, $$"""{"errors":[{"parameters":{"max_results":["{{request.Param("max_results")}}"]},"message":"The `max_results` query parameter value is not between {{minimum}} and 100"}],"title":"Invalid Request","detail":"One or more parameters to your request was invalid.","type":"https://api.twitter.com/2/problems/invalid-request"}""");
        }

        if (request.Path == SearchPath && string.IsNullOrEmpty(request.Param("query")))
        {
            return new Reply(400, """{"title":"Invalid Request","detail":"query is required"}""");
        }

        long since = request.Param("since_id") is { } sinceId ? long.Parse(sinceId, CultureInfo.InvariantCulture) : 0;
        List<JsonObject> matching = [.. _posts.Where(post => Id(post) > since).OrderByDescending(Id)];
        int offset = request.Param("pagination_token") is { } token ? int.Parse(token["page-".Length..], CultureInfo.InvariantCulture) : 0;
        int size = Math.Min(PageSize, maxResults);
        int start = OverlappingPages && offset > 0 ? offset - 1 : offset;
        List<JsonObject> page = [.. matching.Skip(start).Take(offset + size - start)];
        PostsReturned += page.Count;

        JsonObject meta = new() { ["result_count"] = page.Count };
        if (page.Count == 0)
        {
            return Reply.Json(new JsonObject { ["meta"] = meta }.ToJsonString());
        }

        meta["newest_id"] = (string)page[0]["id"]!;
        meta["oldest_id"] = (string)page[^1]["id"]!;
        if (offset + size < matching.Count)
        {
            meta["next_token"] = $"page-{offset + size}";
        }

        string[] expansions = (request.Param("expansions") ?? string.Empty).Split(',');
        List<JsonObject> referenced = expansions.Contains("referenced_tweets.id")
            ? [.. page.SelectMany(References).Distinct().Where(_referenced.ContainsKey).Select(id => _referenced[id])]
            : [];
        IEnumerable<string> authors = page.Select(post => (string)post["author_id"]!);
        if (expansions.Contains("referenced_tweets.id.author_id"))
        {
            authors = authors.Concat(referenced.Select(tweet => (string)tweet["author_id"]!));
        }

        JsonObject includes = new() { ["users"] = new JsonArray([.. authors.Distinct().Select(id => _users[id].DeepClone())]) };
        if (referenced.Count > 0)
        {
            includes["tweets"] = new JsonArray([.. referenced.Select(tweet => tweet.DeepClone())]);
        }

        return Reply.Json(new JsonObject
        {
            ["data"] = new JsonArray([.. page.Select(post => post.DeepClone())]),
            ["includes"] = includes,
            ["meta"] = meta,
        }.ToJsonString());
    }

    private static IEnumerable<string> References(JsonObject post) =>
        post["referenced_tweets"]?.AsArray().Select(reference => (string)reference!["id"]!) ?? [];

    private static long Id(JsonObject post) => long.Parse((string)post["id"]!, CultureInfo.InvariantCulture);
}
