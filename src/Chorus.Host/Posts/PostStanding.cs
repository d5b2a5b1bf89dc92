using Chorus.Posts;
using Chorus.Posts.Review;
using Microsoft.DurableTask.Client;

namespace Chorus.Host.Posts;

/// <summary>Where a post's review stands, as its own page and the page of the mention it answers both show it.</summary>
internal sealed record PostStanding(PostStatus Status, string? Stage, PostOutcome? Outcome)
{
    /// <summary>Reads the review's status, the stage it waits in, and its outcome once decided.</summary>
    public static async Task<PostStanding> ReadAsync(DurableTaskClient orchestrations, PostSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        OrchestrationMetadata? review = await orchestrations.GetInstanceAsync(submission.InstanceId, getInputsAndOutputs: true, cancellationToken);
        PostOutcome? outcome = review?.IsCompleted == true ? review.ReadOutputAs<PostOutcome>() : null;
        PostProgress? progress = review?.ReadCustomStatusAs<PostProgress>();
        return new PostStanding(outcome?.Status ?? progress?.Status ?? PostStatus.Submitted, progress?.StageName, outcome);
    }
}
