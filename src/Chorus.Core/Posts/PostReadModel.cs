using System.Text;
using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Durable;
using Chorus.Posts.Policy;
using Chorus.Sentiment;

namespace Chorus.Posts;

/// <summary>Reads a post's artefacts back: what approvers' pages and the status endpoint show.</summary>
public static class PostReadModel
{
    public static Task<PostSubmission?> ReadSubmissionAsync(IArtefactStore artefacts, string postId, CancellationToken cancellationToken)
        => ReadAsync<PostSubmission>(artefacts, PostArtefacts.Submission(postId), cancellationToken);

    public static Task<PolicyReport?> ReadFindingsAsync(IArtefactStore artefacts, string postId, CancellationToken cancellationToken)
        => ReadAsync<PolicyReport>(artefacts, PostArtefacts.Findings(postId), cancellationToken);

    public static async Task<DocumentSentiment?> ReadSentimentAsync(IArtefactStore artefacts, string postId, CancellationToken cancellationToken)
        => (await ReadAsync<StoredSentiment>(artefacts, PostArtefacts.Sentiment(postId), cancellationToken).ConfigureAwait(false))?.Document;

    /// <summary>The audit log's lines, oldest first.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ReadAuditAsync(IArtefactStore artefacts, string postId, CancellationToken cancellationToken)
    {
        byte[]? log = await artefacts.ReadAsync(PostArtefacts.Audit(postId), cancellationToken).ConfigureAwait(false);
        if (log is null)
        {
            return [];
        }

        List<JsonElement> lines = [];
        foreach (string line in Encoding.UTF8.GetString(log).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using JsonDocument document = JsonDocument.Parse(line);
            lines.Add(document.RootElement.Clone());
        }

        return lines;
    }

    public static async Task<T?> ReadAsync<T>(IArtefactStore artefacts, ArtefactPath path, CancellationToken cancellationToken)
    {
        byte[]? content = await artefacts.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        return content is null ? default : JsonSerializer.Deserialize<T>(content, DurableJson.Options);
    }

    private sealed record StoredSentiment(string Analyzer, string ModelVersion, DocumentSentiment Document);
}
