using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Chorus.Mentions.Triage;

/// <summary>Records a flagged mention's artefacts and fixes the triage timings from the configuration in force now.</summary>
public sealed class RecordMentionActivity(MentionRecorder recorder, MentionAudit audit, IOptionsMonitor<TriageOptions> options) : TaskActivity<MentionTriageInput, TriageTimings>
{
    /// <inheritdoc/>
    public override async Task<TriageTimings> RunAsync(TaskActivityContext context, MentionTriageInput input)
    {
        // An activity runs to its end or its process dies; the worker does not cancel it.
        CancellationToken cancellationToken = CancellationToken.None;
        await recorder.RecordAsync(input, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(input, "flagged", "flagged", new { input.Classification.Reasons, Team = input.Classification.Team?.Name }, cancellationToken).ConfigureAwait(false);
        TriageOptions current = options.CurrentValue;
        return new TriageTimings(current.ReminderAfter, current.EscalateAfter, current.ExpireAfter);
    }
}
