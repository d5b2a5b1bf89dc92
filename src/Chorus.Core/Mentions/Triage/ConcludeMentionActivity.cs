using System.Text.Json;
using Chorus.Approvals;
using Chorus.Artefacts;
using Chorus.Durable;
using Chorus.Mentions.Listing;
using Microsoft.DurableTask;

namespace Chorus.Mentions.Triage;

/// <summary>
/// Keeps a flagged mention's outcome as <c>outcome.json</c> and in its audit log, takes the mention off the waiting
/// approvals and moves it in the flagged queue to the outcome's status; returns that blob's name.
/// </summary>
public sealed class ConcludeMentionActivity(IArtefactStore artefacts, MentionAudit audit, IWaitingApprovals waiting, IFlaggedMentions flagged) : TaskActivity<ConcludeMentionInput, string>
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
        await waiting.ClosedAsync("mention", MentionIds.ItemId(triage.Mention.Source, triage.MentionId), cancellationToken).ConfigureAwait(false);
        await flagged.SetStateAsync(MentionListEntry.Of(triage), input.Outcome.Status, cancellationToken).ConfigureAwait(false);
        return outcome.Value;
    }
}
