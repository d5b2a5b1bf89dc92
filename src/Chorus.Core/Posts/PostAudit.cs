using Chorus.Artefacts;

namespace Chorus.Posts;

/// <summary>Appends to a post's audit log (<c>audit.jsonl</c>), one entry per state change, each once.</summary>
public sealed class PostAudit(IArtefactStore artefacts, TimeProvider time)
{
    /// <summary>Records a state change.</summary>
    public Task RecordAsync(string postId, string entryId, string change, object? details, CancellationToken cancellationToken)
        => AuditLog.AppendOnceAsync(artefacts, PostArtefacts.Audit(postId), AuditLog.Entry(entryId, time.GetUtcNow(), change, details), cancellationToken);
}
