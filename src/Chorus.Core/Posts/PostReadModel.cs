using Chorus.Artefacts;
using Chorus.Posts.Policy;
using Chorus.Sentiment;

namespace Chorus.Posts;

/// <summary>Reads a post's artefacts back: what approvers' pages and the status endpoint show.</summary>
public static class PostReadModel
{
    /// <summary>The post as submitted; null for an unknown post.</summary>
    public static Task<PostSubmission?> ReadSubmissionAsync(IArtefactStore artefacts, string postId, CancellationToken cancellationToken)
        => artefacts.ReadJsonAsync<PostSubmission>(PostArtefacts.Submission(postId), cancellationToken);

    /// <summary>The policy findings; null before the checks ran.</summary>
    public static Task<PolicyReport?> ReadFindingsAsync(IArtefactStore artefacts, string postId, CancellationToken cancellationToken)
        => artefacts.ReadJsonAsync<PolicyReport>(PostArtefacts.Findings(postId), cancellationToken);

    /// <summary>The sentiment; null before the post was scored.</summary>
    public static async Task<DocumentSentiment?> ReadSentimentAsync(IArtefactStore artefacts, string postId, CancellationToken cancellationToken)
        => (await artefacts.ReadJsonAsync<StoredSentiment>(PostArtefacts.Sentiment(postId), cancellationToken).ConfigureAwait(false))?.Document;

    /// <summary>The audit log's entries, oldest first.</summary>
    public static Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(IArtefactStore artefacts, string postId, CancellationToken cancellationToken)
        => AuditLog.ReadAsync(artefacts, PostArtefacts.Audit(postId), cancellationToken);

    private sealed record StoredSentiment(string Analyzer, string ModelVersion, DocumentSentiment Document);
}
