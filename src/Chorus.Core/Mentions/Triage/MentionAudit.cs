using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Durable;

namespace Chorus.Mentions.Triage;

/// <summary>Appends to a flagged mention's <c>audit.jsonl</c>, one line per state change, each once.</summary>
public sealed class MentionAudit(IArtefactStore artefacts, TimeProvider time)
{
    public Task RecordAsync(MentionTriageInput input, string entryId, string change, object? details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        string line = JsonSerializer.Serialize(new { EntryId = entryId, At = time.GetUtcNow(), Change = change, Details = details }, DurableJson.Options);
        return artefacts.AppendLineOnceAsync(MentionArtefacts.Audit(input.Mention.Source, input.MentionId), entryId, line, cancellationToken);
    }
}
