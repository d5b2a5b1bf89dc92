using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Durable;
using Microsoft.DurableTask;

namespace Chorus.Posts.Publishing;

/// <summary>
/// Publishes an approved post with one channel's account. Before the first call it keeps the idempotency key
/// (<see cref="PublicationArtefacts.Key"/>); a retry, or a duplicate run after a crash, finds the key kept and tells the
/// publisher the post may already be out, so the network's own safeguards (or a look at the account's posts) keep it
/// from going out twice. A refusal comes back as a failed <see cref="Publication"/> with the network's message; a
/// passing failure throws, and the durable retry policy tries again.
/// </summary>
public sealed class PublishPostActivity(IPublisher publisher, IArtefactStore artefacts, TimeProvider time) : TaskActivity<PublishInput, Publication>
{
    /// <inheritdoc/>
    public override async Task<Publication> RunAsync(TaskActivityContext context, PublishInput input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // An activity runs to its end or its process dies; the worker does not cancel it.
        CancellationToken cancellationToken = CancellationToken.None;
        PostSubmission post = input.Post;
        PublicationTarget target = input.Target;
        string account = target.Account ?? throw new ArgumentException("The target has no account: the author publishes it.", nameof(input));
        ArtefactPath keyPath = PublicationArtefacts.Key(post.PostId, target.Channel);
        PublicationKey fresh = new($"chorus-{post.PostId}-{target.Channel.ToString().ToLowerInvariant()}", time.GetUtcNow());
        bool first = await artefacts.WriteOnceAsync(keyPath, JsonSerializer.SerializeToUtf8Bytes(fresh, DurableJson.Options), "application/json", cancellationToken).ConfigureAwait(false);
        PublicationKey key = first ? fresh : (await artefacts.ReadJsonAsync<PublicationKey>(keyPath, cancellationToken).ConfigureAwait(false))!;
        try
        {
            PublishedPost published = await publisher.PublishAsync(
                new PublishRequest(account, post.Text, post.Kind, post.InReplyTo, key.Key, key.RecordedAt, MayExist: !first),
                cancellationToken).ConfigureAwait(false);
            return new Publication(target.Channel, PublicationStatus.Published, account, published.Id, published.Url, null, null, time.GetUtcNow());
        }
        catch (PublishingException ex) when (ex.Permanent)
        {
            return new Publication(target.Channel, PublicationStatus.Failed, account, null, null, ex.Message, target.ComposeUrl, time.GetUtcNow());
        }
    }
}
