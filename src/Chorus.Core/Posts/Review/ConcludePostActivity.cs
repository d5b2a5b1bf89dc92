using System.Text.Json;
using Chorus.Approvals;
using Chorus.Artefacts;
using Chorus.Durable;
using Chorus.Mail;
using Chorus.Mentions.Triage;
using Chorus.Telemetry;
using Microsoft.DurableTask;

namespace Chorus.Posts.Review;

/// <summary>
/// Keeps the outcome as <c>outcome.json</c> and tells the author, with the reason and the reviewers' comments. A reply's
/// outcome goes into the audit log of the mention it answers as well, so that timeline ends with it too. Nobody is
/// waited on any more: the post leaves the waiting approvals.
/// </summary>
public sealed class ConcludePostActivity(KeptMail mail, IArtefactStore artefacts, PostAudit audit, MentionAudit mentionAudit, ChorusMetrics metrics, IWaitingApprovals waiting) : TaskActivity<ConcludePostInput, MailDelivery>
{
    /// <inheritdoc/>
    public override async Task<MailDelivery> RunAsync(TaskActivityContext context, ConcludePostInput input)
    {
        // An activity runs to its end or its process dies; the worker does not cancel it.
        CancellationToken cancellationToken = CancellationToken.None;
        PostSubmission post = input.Post;
        await artefacts.WriteOnceAsync(PostArtefacts.Outcome(post.PostId), JsonSerializer.SerializeToUtf8Bytes(input.Outcome, DurableJson.Options), "application/json", cancellationToken).ConfigureAwait(false);
        await waiting.ClosedAsync("post", post.PostId, cancellationToken).ConfigureAwait(false);
        ArtefactPath eml = PostArtefacts.Email(post.PostId, "outcome", 0, post.Author.Email);
        bool alreadySent = !await mail.SendOnceAsync(eml, () => PostEmails.Outcome(post, input.Outcome), cancellationToken).ConfigureAwait(false);

        await audit.RecordAsync(post.PostId, "concluded", input.Outcome.Status.ToString().ToLowerInvariant(), new { input.Outcome.Reason }, cancellationToken).ConfigureAwait(false);
        if (post.InReplyTo is { } mention)
        {
            // One entry per reply, by id: a retried activity finds it written and adds nothing.
            await mentionAudit.RecordAsync(mention.Source, mention.MentionId, $"reply-concluded-{post.PostId}", $"reply {input.Outcome.Status.ToString().ToLowerInvariant()}", new { post.PostId, input.Outcome.Status, input.Outcome.Reason }, cancellationToken).ConfigureAwait(false);
        }

        if (!alreadySent)
        {
            // Here, not in the orchestrator (which replays); an activity run again after its email went out counts nothing.
            metrics.PostDecided(input.Outcome.Status, input.Outcome.DecidedAt - post.SubmittedAt);
        }

        return alreadySent ? new MailDelivery([], [post.Author.Email]) : new MailDelivery([post.Author.Email], []);
    }
}
