using Chorus.Posts.Review;
using Microsoft.DurableTask;

namespace Chorus.Posts.Publishing;

/// <summary>
/// The steps of <see cref="PostReviewOrchestrator"/> after a post is approved: plan each channel, wait for
/// <see cref="PostSubmission.ScheduledAt"/> on a durable timer, publish with each channel's account, and record and
/// report what happened. Deterministic, as orchestrator code must be: every read and call is an activity.
/// </summary>
public static class PostPublication
{
    /// <summary>Publishes an approved post, or leaves it to its author where no account serves a channel.</summary>
    public static async Task RunAsync(TaskOrchestrationContext context, PostSubmission post)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(post);
        IReadOnlyList<PublicationTarget> targets = await context.CallPlanPublicationAsync(post);
        if (post.ScheduledAt is { } scheduled)
        {
            // Azure Storage queues delay messages by whole seconds, so a timer may fire up to a second early: wait again
            // until the time has come, at least a second at a time, so the post is never out before it is due.
            DateTime at = scheduled.UtcDateTime;
            while (at > context.CurrentUtcDateTime)
            {
                context.SetCustomStatus(new PostProgress(PostStatus.Approved, Phase: "scheduled"));
                DateTime soonest = context.CurrentUtcDateTime.AddSeconds(1);
                await context.CreateTimer(at > soonest ? at : soonest, CancellationToken.None);
            }
        }

        context.SetCustomStatus(new PostProgress(PostStatus.Approved, Phase: "publishing"));
        List<Publication> publications = [];
        foreach (PublicationTarget target in targets)
        {
            if (target.Account is null)
            {
                publications.Add(new Publication(target.Channel, PublicationStatus.Manual, null, null, null, null, target.ComposeUrl, context.CurrentUtcDateTime));
                continue;
            }

            try
            {
                publications.Add(await context.CallPublishPostAsync(new PublishInput(post, target)));
            }
            catch (TaskFailedException ex)
            {
                // Every attempt failed for passing reasons: the author hears the last one, and the post stays approved.
                string message = ex.FailureDetails?.ErrorMessage ?? ex.Message;
                publications.Add(new Publication(target.Channel, PublicationStatus.Failed, target.Account, null, null, $"every attempt failed; the last: {message}", target.ComposeUrl, context.CurrentUtcDateTime));
            }
        }

        await context.CallRecordPublicationsAsync(new PublicationsInput(post, publications));
        context.SetCustomStatus(new PostProgress(PostStatus.Approved, Phase: "published"));
    }
}
