using Chorus.Posts;

namespace Chorus.Host.Posts;

/// <summary>
/// The mention a reply answers, as <c>GET /api/posts/{postId}</c> shows it: its source and id in Chorus, the network's
/// own id and link, and <paramref name="MentionUrl"/>, the mention's own page in this API.
/// </summary>
internal sealed record PostReplyTarget(string Source, string MentionId, string SourceId, Uri? Url, string MentionUrl)
{
    /// <summary>The view of a reply's target.</summary>
    public static PostReplyTarget Of(ReplyTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new PostReplyTarget(target.Source, target.MentionId, target.SourceId, target.Url, $"/api/mentions/{target.Source}/{target.MentionId}");
    }
}
