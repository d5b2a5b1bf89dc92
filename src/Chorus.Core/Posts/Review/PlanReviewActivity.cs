using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Durable;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Chorus.Posts.Review;

/// <summary>Routes the post under the configuration in force now, and keeps the plan as <c>plan.json</c>.</summary>
public sealed class PlanReviewActivity(IOptionsMonitor<ReviewOptions> options, IArtefactStore artefacts, PostAudit audit) : TaskActivity<PlanReviewInput, ReviewPlan>
{
    /// <inheritdoc/>
    public override async Task<ReviewPlan> RunAsync(TaskActivityContext context, PlanReviewInput input)
    {
        // An activity runs to its end or its process dies; the worker does not cancel it.
        CancellationToken cancellationToken = CancellationToken.None;
        ReviewPlan plan = ReviewPlanner.Plan(input.Post, input.Report, input.Sentiment, options.CurrentValue);
        await artefacts.WriteOnceAsync(PostArtefacts.Plan(input.Post.PostId), JsonSerializer.SerializeToUtf8Bytes(plan, DurableJson.Options), "application/json", cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(input.Post.PostId, "routed", "routed", new { plan.Route, Stages = plan.Stages.Select(s => s.Name) }, cancellationToken).ConfigureAwait(false);
        return plan;
    }
}
