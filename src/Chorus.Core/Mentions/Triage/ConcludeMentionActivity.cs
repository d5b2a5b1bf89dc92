using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Orchestration;

namespace Chorus.Mentions.Triage;

/// <summary>Keeps a flagged mention's outcome as <c>outcome.json</c> and in its audit log.</summary>
public sealed class ConcludeMentionActivity(IArtefactStore artefacts, MentionAudit audit) : Activity<ConcludeMentionInput, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, ConcludeMentionInput input, CancellationToken cancellationToken)
    {
        MentionTriageInput triage = input.Triage;
        await artefacts.WriteOnceAsync(MentionArtefacts.Outcome(triage.Mention.Source, triage.MentionId), JsonSerializer.SerializeToUtf8Bytes(input.Outcome, DurableJson.Options), "application/json", cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(triage, "concluded", input.Outcome.Status, new { input.Outcome.Decision?.Approver, input.Outcome.Decision?.Comment }, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
