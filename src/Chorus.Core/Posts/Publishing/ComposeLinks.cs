namespace Chorus.Posts.Publishing;

/// <summary>
/// Links that open a network's compose page with a post's text filled in, for an author who posts by hand: X's and
/// Bluesky's intents, a Mastodon instance's share page, LinkedIn's feed composer. A reply on X answers its tweet; the
/// other networks' pages cannot, so the author's email also links the post being answered.
/// </summary>
public static class ComposeLinks
{
    /// <summary>The compose link of <paramref name="channel"/> for <paramref name="post"/>, or null when the channel has none.</summary>
    public static Uri? For(Channel channel, PostSubmission post, Uri mastodonInstance)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(mastodonInstance);
        string text = Uri.EscapeDataString(post.Text);
        return channel switch
        {
            Channel.X when post is { Kind: PostKind.Reply, InReplyTo: { } target } => new Uri($"https://x.com/intent/post?text={text}&in_reply_to={Uri.EscapeDataString(target.SourceId)}"),
            Channel.X => new Uri($"https://x.com/intent/post?text={text}"),
            Channel.Bluesky => new Uri($"https://bsky.app/intent/compose?text={text}"),
            Channel.Mastodon => new Uri(mastodonInstance, $"share?text={text}"),
            Channel.LinkedIn => new Uri($"https://www.linkedin.com/feed/?shareActive=true&text={text}"),
            _ => null,
        };
    }
}
