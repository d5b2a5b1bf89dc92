using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Orchestration;
using Chorus.Posts.Policy;

namespace Chorus.Posts.Review;

/// <summary>Runs the policy checks and keeps the findings as <c>findings.json</c>.</summary>
public sealed class CheckPostActivity(PolicyEvaluator evaluator, IArtefactStore artefacts, PostAudit audit) : Activity<CheckPostInput, PolicyReport>
{
    public override async Task<PolicyReport> RunAsync(ActivityContext context, CheckPostInput input, CancellationToken cancellationToken)
    {
        PolicyReport report = evaluator.Evaluate(input.Post.Draft, input.Sentiment);
        await artefacts.WriteOnceAsync(PostArtefacts.Findings(input.Post.PostId), JsonSerializer.SerializeToUtf8Bytes(report, DurableJson.Options), "application/json", cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(input.Post.PostId, "checked", "checked", new { Findings = report.Findings.Count, report.HighestSeverity }, cancellationToken).ConfigureAwait(false);
        return report;
    }
}
