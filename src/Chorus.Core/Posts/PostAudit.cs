using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Durable;

namespace Chorus.Posts;

/// <summary>
/// Appends to a post's audit log (<c>audit.jsonl</c>): one JSON line per state change, each with a stable
/// <c>entryId</c> so that a retried step never writes its line twice.
/// </summary>
public sealed class PostAudit(IArtefactStore artefacts, TimeProvider time)
{
    /// <summary>Records a state change.</summary>
    public Task RecordAsync(string postId, string entryId, string change, object? details, CancellationToken cancellationToken)
    {
        string line = JsonSerializer.Serialize(new AuditEntry(entryId, time.GetUtcNow(), change, details), DurableJson.Options);
        return artefacts.AppendLineOnceAsync(PostArtefacts.Audit(postId), entryId, line, cancellationToken);
    }

    private sealed record AuditEntry(string EntryId, DateTimeOffset At, string Change, object? Details);
}
