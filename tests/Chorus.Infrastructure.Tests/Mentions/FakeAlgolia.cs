using System.Globalization;
using System.Text.Json.Nodes;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>
/// HN Search's <c>GET /api/v1/search_by_date</c> over recorded hits: newest first, <c>numericFilters</c> on
/// <c>created_at_i</c>, page numbers from 0 and <c>nbPages</c>, pages at most <see cref="PageSize"/> long.
/// </summary>
internal sealed class FakeAlgolia
{
    public const string Path = "/api/v1/search_by_date";
    public const string Query = "acme";

    private readonly List<JsonObject> _hits = [];

    public int PageSize { get; set; } = 2;

    public bool OverlappingPages { get; set; }

    public FakeAlgolia Publish(string payload)
    {
        _hits.AddRange(Payloads.Json(payload)["hits"]!.AsArray().Select(node => node!.AsObject()));
        return this;
    }

    /// <summary>Adds hits of the recorded shape, written out by a test.</summary>
    public FakeAlgolia Publish(params JsonObject[] hits)
    {
        _hits.AddRange(hits);
        return this;
    }

    public Reply Handle(ServedRequest request)
    {
        if (request.Path != Path)
        {
            return Reply.NotFound(request);
        }

        if (request.Param("query") != Query || request.Param("tags") != "(story,comment)")
        {
            return new Reply(400, """{"message":"unexpected query or tags","status":400}""");
        }

        long after = long.MinValue;
        if (request.Param("numericFilters") is { } filter)
        {
            const string Prefix = "created_at_i>";
            if (!filter.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return new Reply(400, """{"message":"unsupported numericFilters","status":400}""");
            }

            after = long.Parse(filter[Prefix.Length..], CultureInfo.InvariantCulture);
        }

        List<JsonObject> matching = [.. _hits.Where(hit => (long)hit["created_at_i"]! > after).OrderByDescending(hit => (long)hit["created_at_i"]!)];
        int size = Math.Min(PageSize, int.Parse(request.Param("hitsPerPage") ?? "20", CultureInfo.InvariantCulture));
        int page = int.Parse(request.Param("page") ?? "0", CultureInfo.InvariantCulture);
        int start = OverlappingPages && page > 0 ? (page * size) - 1 : page * size;
        List<JsonObject> hits = [.. matching.Skip(start).Take((page * size) + size - start)];

        JsonNode body = Payloads.Json("hackernews-search.json");
        body["hits"] = new JsonArray([.. hits.Select(hit => hit.DeepClone())]);
        body["nbHits"] = matching.Count;
        body["nbPages"] = (matching.Count + size - 1) / size;
        body["page"] = page;
        body["hitsPerPage"] = size;
        return Reply.Json(body.ToJsonString());
    }
}
