using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Mail;
using Chorus.Orchestration;

namespace Chorus.Posts.Review;

/// <summary>Keeps the outcome as <c>outcome.json</c> and tells the author, with the reason and the reviewers' comments.</summary>
public sealed class ConcludePostActivity(IMailer mailer, IArtefactStore artefacts, PostAudit audit) : Activity<ConcludePostInput, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, ConcludePostInput input, CancellationToken cancellationToken)
    {
        PostSubmission post = input.Post;
        await artefacts.WriteOnceAsync(PostArtefacts.Outcome(post.PostId), JsonSerializer.SerializeToUtf8Bytes(input.Outcome, DurableJson.Options), "application/json", cancellationToken).ConfigureAwait(false);
        ArtefactPath eml = PostArtefacts.Email(post.PostId, "outcome", 0, post.Author.Email);
        if (await artefacts.ReadAsync(eml, cancellationToken).ConfigureAwait(false) is null)
        {
            byte[] sent = await mailer.SendAsync(PostEmails.Outcome(post, input.Outcome), cancellationToken).ConfigureAwait(false);
            await artefacts.WriteOnceAsync(eml, sent, "message/rfc822", cancellationToken).ConfigureAwait(false);
        }

        await audit.RecordAsync(post.PostId, "concluded", input.Outcome.Status.ToString().ToLowerInvariant(), new { input.Outcome.Reason }, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
