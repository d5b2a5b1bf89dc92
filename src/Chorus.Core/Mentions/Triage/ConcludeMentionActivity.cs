using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Durable;

using Microsoft.DurableTask;

namespace Chorus.Mentions.Triage;

/// <summary>Keeps a flagged mention's outcome as <c>outcome.json</c> and in its audit log; returns that blob's name.</summary>
public sealed class ConcludeMentionActivity(IArtefactStore artefacts, MentionAudit audit) : TaskActivity<ConcludeMentionInput, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskActivityContext context, ConcludeMentionInput input)
    {
        // An activity runs to its end or its process dies; the worker does not cancel it.
        CancellationToken cancellationToken = CancellationToken.None;
        MentionTriageInput triage = input.Triage;
        ArtefactPath outcome = MentionArtefacts.Outcome(triage.Mention.Source, triage.MentionId);
        await artefacts.WriteOnceAsync(outcome, JsonSerializer.SerializeToUtf8Bytes(input.Outcome, DurableJson.Options), "application/json", cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(triage, "concluded", input.Outcome.Status, new { input.Outcome.Decision?.Approver, input.Outcome.Decision?.Comment }, cancellationToken).ConfigureAwait(false);
        return outcome.Value;
    }
}
