namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>A request as the test server received it, and when (on the real clock).</summary>
internal sealed record ServedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ReceivedAt)
{
    /// <summary>Gets a query parameter, or null.</summary>
    public string? Param(string name) => Query.GetValueOrDefault(name);

    /// <summary>Gets a header, or null.</summary>
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
