using Chorus.Artefacts;

namespace Chorus.Mentions.Triage;

/// <summary>Appends to a flagged mention's <c>audit.jsonl</c>, one entry per state change, each once.</summary>
public sealed class MentionAudit(IArtefactStore artefacts, TimeProvider time)
{
    /// <summary>Appends one entry to the mention's audit log, once per <paramref name="entryId"/> (activities may run twice).</summary>
    public Task RecordAsync(MentionTriageInput input, string entryId, string change, object? details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RecordAsync(input.Mention.Source, input.MentionId, entryId, change, details, cancellationToken);
    }

    /// <summary>Appends one entry to the log of the mention <paramref name="mentionId"/> from <paramref name="source"/>, once per <paramref name="entryId"/>.</summary>
    public Task RecordAsync(string source, string mentionId, string entryId, string change, object? details, CancellationToken cancellationToken)
        => AuditLog.AppendOnceAsync(artefacts, MentionArtefacts.Audit(source, mentionId), AuditLog.Entry(entryId, time.GetUtcNow(), change, details), cancellationToken);
}
