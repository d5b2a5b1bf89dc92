using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Durable;
using Chorus.Posts.Policy;

using Microsoft.DurableTask;

namespace Chorus.Posts.Review;

/// <summary>
/// Looks up what customers said lately about the post's topics (<see cref="ComplaintLookup"/>: I/O, so here and not in
/// the orchestrator), runs the policy checks and keeps the findings as <c>findings.json</c>.
/// </summary>
public sealed class CheckPostActivity(PolicyEvaluator evaluator, ComplaintLookup complaints, IArtefactStore artefacts, PostAudit audit) : TaskActivity<CheckPostInput, PolicyReport>
{
    /// <inheritdoc/>
    public override async Task<PolicyReport> RunAsync(TaskActivityContext context, CheckPostInput input)
    {
        // An activity runs to its end or its process dies; the worker does not cancel it.
        CancellationToken cancellationToken = CancellationToken.None;
        PostDraft draft = await complaints.AttachAsync(input.Post.Draft, input.Sentiment, cancellationToken).ConfigureAwait(false);
        PolicyReport report = evaluator.Evaluate(draft, input.Sentiment);
        await artefacts.WriteOnceAsync(PostArtefacts.Findings(input.Post.PostId), JsonSerializer.SerializeToUtf8Bytes(report, DurableJson.Options), "application/json", cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(input.Post.PostId, "checked", "checked", new { Findings = report.Findings.Count, report.HighestSeverity }, cancellationToken).ConfigureAwait(false);
        return report;
    }
}
