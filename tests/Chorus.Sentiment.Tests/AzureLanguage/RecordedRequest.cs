using System.Diagnostics;
using System.Text.Json;

namespace Chorus.Sentiment.Tests.AzureLanguage;

/// <summary>A request as the fake service received it, with the moment it arrived.</summary>
internal sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body,
    long ReceivedTimestamp)
{
    /// <summary>Gets the ids of <c>analysisInput.documents</c>, in request order.</summary>
    public IReadOnlyList<string> DocumentIds => Documents.Select(document => document.Id).ToList();

    /// <summary>Gets the documents of the request body.</summary>
    public IReadOnlyList<(string Id, string Language, string Text)> Documents
    {
        get
        {
            using JsonDocument body = JsonDocument.Parse(Body);
            return body.RootElement.GetProperty("analysisInput").GetProperty("documents").EnumerateArray()
                .Select(document => (
                    document.GetProperty("id").GetString()!,
                    document.GetProperty("language").GetString()!,
                    document.GetProperty("text").GetString()!))
                .ToList();
        }
    }

    /// <summary>Gets the time between two received requests.</summary>
    public static TimeSpan Between(RecordedRequest first, RecordedRequest second) =>
        Stopwatch.GetElapsedTime(first.ReceivedTimestamp, second.ReceivedTimestamp);
}
