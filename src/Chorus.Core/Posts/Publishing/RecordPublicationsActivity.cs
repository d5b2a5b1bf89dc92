using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Durable;
using Chorus.Mail;
using Chorus.Telemetry;
using Microsoft.DurableTask;

namespace Chorus.Posts.Publishing;

/// <summary>
/// Keeps what became of an approved post on each channel (<see cref="PublicationArtefacts.Record"/>), writes a
/// timeline entry per channel, and sends the author one email with the links, the failures, and what to post by hand.
/// </summary>
public sealed class RecordPublicationsActivity(KeptMail mail, IArtefactStore artefacts, PostAudit audit, ChorusMetrics metrics) : TaskActivity<PublicationsInput, MailDelivery>
{
    /// <inheritdoc/>
    public override async Task<MailDelivery> RunAsync(TaskActivityContext context, PublicationsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // An activity runs to its end or its process dies; the worker does not cancel it.
        CancellationToken cancellationToken = CancellationToken.None;
        PostSubmission post = input.Post;
        foreach (Publication publication in input.Publications)
        {
            await artefacts.WriteOnceAsync(PublicationArtefacts.Record(post.PostId, publication.Channel), JsonSerializer.SerializeToUtf8Bytes(publication, DurableJson.Options), "application/json", cancellationToken).ConfigureAwait(false);
            string change = publication.Status switch
            {
                PublicationStatus.Published => "published",
                PublicationStatus.Failed => "publishing failed",
                _ => "left to the author",
            };
            object details = new { publication.Channel, publication.Account, publication.NetworkId, publication.Url, publication.Message, publication.ComposeUrl };
            await audit.RecordAsync(post.PostId, $"publication-{publication.Channel.ToString().ToLowerInvariant()}", change, details, cancellationToken).ConfigureAwait(false);
        }

        if (input.Publications.Count == 0)
        {
            return new MailDelivery([], []);
        }

        ArtefactPath eml = PostArtefacts.Email(post.PostId, "publication", 0, post.Author.Email);
        bool sent = await mail.SendOnceAsync(eml, () => PublicationEmails.Report(post, input.Publications), cancellationToken).ConfigureAwait(false);
        if (sent)
        {
            // Here, not in the orchestrator (which replays); a run again after its email went out counts nothing.
            foreach (Publication publication in input.Publications)
            {
                metrics.PostPublication(publication.Channel, publication.Status.ToString().ToLowerInvariant());
            }
        }

        return sent ? new MailDelivery([post.Author.Email], []) : new MailDelivery([], [post.Author.Email]);
    }
}
