using Chorus.Posts;

namespace Chorus.Infrastructure.Mentions;

/// <summary>Where a reply to a mention goes: the network the mention came from.</summary>
public static class ReplyChannels
{
    /// <summary>
    /// The channel of a reply to a mention from <paramref name="source"/>: Mastodon, Bluesky or X for a source of that
    /// kind; <see cref="Channel.Other"/> for feeds, Hacker News and pushed mentions, which Chorus cannot answer on
    /// (the responder posts those by hand).
    /// </summary>
    public static Channel For(MentionsOptions options, string source)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!MentionsOptionsValidator.TryParseKind(options.Sources.GetValueOrDefault(source)?.Kind, out MentionSourceKind kind))
        {
            return Channel.Other;
        }

        return kind switch
        {
            MentionSourceKind.Mastodon => Channel.Mastodon,
            MentionSourceKind.Bluesky => Channel.Bluesky,
            MentionSourceKind.X => Channel.X,
            _ => Channel.Other,
        };
    }
}
