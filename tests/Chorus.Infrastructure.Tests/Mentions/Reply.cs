namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>What the test server answers, after <paramref name="Delay"/> (a source slow to answer).</summary>
internal sealed record Reply(
    int Status,
    string Body = "",
    string ContentType = "application/json; charset=utf-8",
    IReadOnlyDictionary<string, string>? Headers = null,
    TimeSpan Delay = default)
{
    public static Reply Json(string body, IReadOnlyDictionary<string, string>? headers = null) => new(200, body, Headers: headers);

    public static Reply Xml(string body) => new(200, body, "application/xml; charset=utf-8");

    public static Reply NotFound(ServedRequest request) => new(404, $$"""{"error":"no route for {{request.Method}} {{request.Path}}"}""");
}
