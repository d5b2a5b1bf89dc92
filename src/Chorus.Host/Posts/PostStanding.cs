using Chorus.Artefacts;
using Chorus.Posts;
using Chorus.Posts.Review;
using Microsoft.DurableTask.Client;

namespace Chorus.Host.Posts;

/// <summary>Where a post's review stands, as its own page and the page of the mention it answers both show it.</summary>
internal sealed record PostStanding(PostStatus Status, string? Stage, PostOutcome? Outcome)
{
    /// <summary>
    /// Reads the review's status, the stage it waits in, and its outcome once decided: an approved post waiting for its
    /// scheduled time, or being published, is decided before its review completes, so its outcome is read from
    /// <c>outcome.json</c> then.
    /// </summary>
    public static async Task<PostStanding> ReadAsync(IArtefactStore artefacts, DurableTaskClient orchestrations, PostSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        OrchestrationMetadata? review = await orchestrations.GetInstanceAsync(submission.InstanceId, getInputsAndOutputs: true, cancellationToken);
        PostProgress? progress = review?.ReadCustomStatusAs<PostProgress>();
        PostOutcome? outcome = review?.IsCompleted == true ? review.ReadOutputAs<PostOutcome>()
            : progress?.Status == PostStatus.Approved ? await artefacts.ReadJsonAsync<PostOutcome>(PostArtefacts.Outcome(submission.PostId), cancellationToken)
            : null;
        return new PostStanding(outcome?.Status ?? progress?.Status ?? PostStatus.Submitted, progress?.StageName, outcome);
    }
}
