using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Durable;
using Chorus.Posts.Policy;

using Microsoft.DurableTask;

namespace Chorus.Posts.Review;

/// <summary>Runs the policy checks and keeps the findings as <c>findings.json</c>.</summary>
public sealed class CheckPostActivity(PolicyEvaluator evaluator, IArtefactStore artefacts, PostAudit audit) : TaskActivity<CheckPostInput, PolicyReport>
{
    /// <inheritdoc/>
    public override async Task<PolicyReport> RunAsync(TaskActivityContext context, CheckPostInput input)
    {
        // An activity runs to its end or its process dies; the worker does not cancel it.
        CancellationToken cancellationToken = CancellationToken.None;
        PolicyReport report = evaluator.Evaluate(input.Post.Draft, input.Sentiment);
        await artefacts.WriteOnceAsync(PostArtefacts.Findings(input.Post.PostId), JsonSerializer.SerializeToUtf8Bytes(report, DurableJson.Options), "application/json", cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(input.Post.PostId, "checked", "checked", new { Findings = report.Findings.Count, report.HighestSeverity }, cancellationToken).ConfigureAwait(false);
        return report;
    }
}
