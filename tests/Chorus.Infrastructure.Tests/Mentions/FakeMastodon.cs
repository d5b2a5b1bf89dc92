using System.Globalization;
using System.Text.Json.Nodes;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>
/// Mastodon's <c>GET /api/v1/notifications</c> over a set of recorded notifications, paging as the documentation
/// says: newest first; <c>max_id</c> for older, <c>min_id</c> for the page just newer; <c>Link</c> headers with
/// <c>next</c> (older) and <c>prev</c> (newer). Pages are <see cref="PageSize"/> long, as a server may cut them short.
/// </summary>
internal sealed class FakeMastodon(Uri baseUri)
{
    public const string Path = "/api/v1/notifications";
    public const string Token = "mastodon-access-token";

    private readonly List<JsonObject> _notifications = [];

    public int PageSize { get; set; } = 2;

    /// <summary>Gets or sets a value indicating whether each page also repeats the item at its boundary, as happens when items arrive mid-poll.</summary>
    public bool OverlappingPages { get; set; }

    /// <summary>Adds the notifications of a payload file.</summary>
    public FakeMastodon Publish(string payload)
    {
        _notifications.AddRange(Payloads.Json(payload).AsArray().Select(node => node!.AsObject()));
        return this;
    }

    public Reply Handle(ServedRequest request)
    {
        if (request.Path != Path)
        {
            return Reply.NotFound(request);
        }

        if (request.Header("Authorization") != $"Bearer {Token}")
        {
            return new Reply(401, """{"error":"The access token is invalid"}""");
        }

        int limit = Math.Min(int.Parse(request.Param("limit") ?? "40", CultureInfo.InvariantCulture), PageSize);
        IEnumerable<JsonObject> wanted = _notifications.Where(n => request.Param("types[]") is not { } type || (string?)n["type"] == type);
        List<JsonObject> newestFirst = [.. wanted.OrderByDescending(Id)];
        int boundary = OverlappingPages ? 0 : 1;
        List<JsonObject> page = request.Param("max_id") is { } maxId
            ? [.. newestFirst.Where(n => Id(n) <= long.Parse(maxId, CultureInfo.InvariantCulture) - boundary).Take(limit)]
            : request.Param("min_id") is { } minId
                ? [.. newestFirst.Where(n => Id(n) >= long.Parse(minId, CultureInfo.InvariantCulture) + boundary).TakeLast(limit)]
                : [.. newestFirst.Take(limit)];

        Dictionary<string, string> headers = [];
        if (page.Count > 0)
        {
            // As Mastodon does, the links keep the request's own parameters.
            string link = $"{baseUri}api/v1/notifications?types[]={request.Param("types[]")}&limit={request.Param("limit")}";
            headers["Link"] = $"<{link}&max_id={page[^1]["id"]}>; rel=\"next\", <{link}&min_id={page[0]["id"]}>; rel=\"prev\"";
        }

        return Reply.Json(new JsonArray([.. page.Select(n => n.DeepClone())]).ToJsonString(), headers);
    }

    private static long Id(JsonObject notification) => long.Parse((string)notification["id"]!, CultureInfo.InvariantCulture);
}
