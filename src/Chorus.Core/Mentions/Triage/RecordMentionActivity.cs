using Chorus.Orchestration;
using Microsoft.Extensions.Options;

namespace Chorus.Mentions.Triage;

/// <summary>Records a flagged mention's artefacts and fixes the triage timings from the configuration in force now.</summary>
public sealed class RecordMentionActivity(MentionRecorder recorder, MentionAudit audit, IOptionsMonitor<TriageOptions> options) : Activity<MentionTriageInput, TriageTimings>
{
    public override async Task<TriageTimings> RunAsync(ActivityContext context, MentionTriageInput input, CancellationToken cancellationToken)
    {
        await recorder.RecordAsync(input, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(input, "flagged", "flagged", new { input.Classification.Reasons, Team = input.Classification.Team?.Name }, cancellationToken).ConfigureAwait(false);
        TriageOptions current = options.CurrentValue;
        return new TriageTimings(current.ReminderAfter, current.EscalateAfter, current.ExpireAfter);
    }
}
