using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Durable;
using Chorus.Host.Posts;
using Chorus.Infrastructure.Mentions;
using Chorus.Mentions;
using Chorus.Mentions.Triage;
using Chorus.Posts;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Mentions;

/// <summary>
/// Answers a mention with a staff post of kind <see cref="PostKind.Reply"/>, on the mention's network, through the
/// normal review. A mention has one reply: the first to write its <c>reply.json</c> gives it one, and whoever comes
/// later (a retry, a second responder) finishes that reply's intake rather than starting another.
/// </summary>
internal sealed class MentionReplies(IArtefactStore artefacts, PostIntake intake, MentionAudit audit, IOptions<MentionsOptions> sources)
{
    /// <summary>The network a reply to a mention from <paramref name="source"/> goes to.</summary>
    public Channel ChannelFor(string source) => ReplyChannels.For(sources.Value, source);

    /// <summary>How a reply box is labelled for <paramref name="channel"/>: "on Mastodon", or "to post by hand".</summary>
    public static string Where(Channel channel) => channel == Channel.Other ? "to post by hand" : $"on {channel}";

    /// <summary>
    /// What a reply starts with: the author's handle, as an @-mention on a network that has them (so the network tells
    /// the author), as written elsewhere (a feed's author is a name or a site, a Hacker News user is not @-mentioned).
    /// </summary>
    public static string Prefill(Mention mention, Channel channel)
    {
        ArgumentNullException.ThrowIfNull(mention);
        string handle = mention.AuthorHandle.Trim();
        if (handle.Length == 0)
        {
            return string.Empty;
        }

        return channel == Channel.Other || handle.StartsWith('@') ? handle + " " : "@" + handle + " ";
    }

    /// <summary>The reply to <paramref name="mention"/> as a post: its author, its text, the mention's network, and the mention it answers.</summary>
    public PostSubmission Draft(string postId, string mentionId, Mention mention, PostAuthor author, string text, DateTimeOffset at, string client)
    {
        ArgumentNullException.ThrowIfNull(mention);
        return new PostSubmission(
            postId,
            author,
            text,
            [ChannelFor(mention.Source)],
            [],
            ScheduledAt: null,
            SubmittedAt: at,
            ClientId: client,
            Listed: true,
            Kind: PostKind.Reply,
            InReplyTo: new ReplyTarget(mention.Source, mentionId, mention.SourceId, mention.Url),
            Publishes: true);
    }

    /// <summary>
    /// Gives the mention <paramref name="reply"/> as its reply, unless it has one already, and takes that reply in.
    /// </summary>
    /// <returns>The mention's reply: <paramref name="reply"/>, or the one it had before.</returns>
    public async Task<PostSubmission> SubmitAsync(PostSubmission reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ReplyTarget mention = reply.InReplyTo ?? throw new ArgumentException("A reply names the mention it answers.", nameof(reply));
        ArtefactPath claim = MentionArtefacts.Reply(mention.Source, mention.MentionId);
        PostSubmission kept = await artefacts.WriteOnceAsync(claim, JsonSerializer.SerializeToUtf8Bytes(reply, DurableJson.Options), "application/json", cancellationToken)
            ? reply
            : (await MentionReadModel.ReadReplyAsync(artefacts, mention.Source, mention.MentionId, cancellationToken))!;
        await intake.SubmitAsync(kept, cancellationToken);
        await audit.RecordAsync(mention.Source, mention.MentionId, $"reply-submitted-{kept.PostId}", "reply submitted", new { kept.PostId, Author = kept.Author.Email, Channel = kept.Channels[0] }, cancellationToken);
        return kept;
    }

    /// <summary>A sensible name for a responder known only by their address: its local part.</summary>
    public static string NameOf(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        string local = email.Split('@')[0];
        return local.Length > 100 ? local[..100] : local;
    }
}
