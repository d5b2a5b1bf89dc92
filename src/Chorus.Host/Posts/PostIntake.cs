using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Durable;
using Chorus.Host.Durable;
using Chorus.Posts;
using Chorus.Posts.Listing;
using Chorus.Posts.Review;
using Chorus.Telemetry;
using Microsoft.DurableTask.Client;

namespace Chorus.Host.Posts;

/// <summary>
/// Takes in a post, whoever wrote it (the post API, a reply from a mention's Respond page or the reply API): stores the
/// submission, lists it and starts its review. Every step is idempotent, so a repeat finishes what a first attempt may
/// not have and starts nothing twice.
/// </summary>
internal sealed class PostIntake(IArtefactStore artefacts, DurableTaskClient orchestrations, PostAudit audit, IPostIndex index, ChorusMetrics metrics)
{
    /// <summary>Stores and lists <paramref name="submission"/> and starts its review, unless a review of it exists.</summary>
    public async Task SubmitAsync(PostSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        await artefacts.WriteOnceAsync(PostArtefacts.Submission(submission.PostId), JsonSerializer.SerializeToUtf8Bytes(submission, DurableJson.Options), "application/json", cancellationToken);
        await audit.RecordAsync(submission.PostId, "submitted", "submitted", new { Client = submission.ClientId, submission.Author.Email, submission.Kind, submission.InReplyTo }, cancellationToken);

        // Listed before its review starts, so every status change the review makes finds it (and a repeat lists nothing twice).
        await index.AddAsync(PostListEntry.Of(submission), cancellationToken);

        // A repeat finds the first attempt's instance, running or decided, and leaves it alone.
        if (await orchestrations.StartOnceAsync(nameof(PostReviewOrchestrator), submission, submission.InstanceId, cancellationToken))
        {
            metrics.PostSubmitted();
        }
    }
}
