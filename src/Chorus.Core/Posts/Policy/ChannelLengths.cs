namespace Chorus.Posts.Policy;

/// <summary>
/// Measures a post on each channel the way that channel counts (see <see cref="TextLength"/>): what the length check
/// enforces, and what an author sees before submitting.
/// </summary>
public sealed class ChannelLengths(PolicyOptions options)
{
    /// <summary>X: 280 weighted characters.</summary>
    internal const int XLimit = 280;

    /// <summary>Bluesky: 300 graphemes.</summary>
    internal const int BlueskyLimit = 300;

    /// <summary>Bluesky also refuses post text over 3,000 bytes of UTF-8, whatever the grapheme count.</summary>
    internal const int BlueskyByteLimit = 3_000;

    /// <summary>Mastodon: 500 characters, the default for most servers.</summary>
    internal const int MastodonLimit = 500;

    /// <summary>LinkedIn: 3,000 characters.</summary>
    internal const int LinkedInLimit = 3_000;

    private readonly PolicyOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Gets the limit for posts to <see cref="Channel.Other"/>, from configuration.</summary>
    internal int OtherLimit => _options.MaxLengthOther;

    /// <summary>How <paramref name="draft"/> fits each of its channels, in the order given.</summary>
    public IReadOnlyList<ChannelFit> Measure(PostDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        IReadOnlyList<FoundUrl> urls = UrlScanner.Find(draft.Text);
        return [.. draft.Channels.Distinct().Select(channel =>
        {
            (TextLength.Measure measure, int limit, string counted) = Measure(channel, draft.Text, urls);
            return new ChannelFit(channel, measure.Length, limit, limit - measure.Length, counted);
        })];
    }

    /// <summary>The channel's main count of <paramref name="text"/>, its limit, and how it counts.</summary>
    internal (TextLength.Measure Measure, int Limit, string Counted) Measure(Channel channel, string text, IReadOnlyList<FoundUrl> urls) => channel switch
    {
        Channel.X => (TextLength.XWeighted(text, urls, XLimit), XLimit, "weighted characters (links 23, emoji and CJK 2)"),
        Channel.Bluesky => (TextLength.Graphemes(text, BlueskyLimit), BlueskyLimit, "graphemes (what you see as one character)"),
        Channel.Mastodon => (TextLength.Mastodon(text, urls, MastodonLimit), MastodonLimit, "characters (links 23, remote mentions by user name)"),
        Channel.LinkedIn => (TextLength.CodePoints(text, LinkedInLimit), LinkedInLimit, "characters"),
        _ => (TextLength.CodePoints(text, _options.MaxLengthOther), _options.MaxLengthOther, "characters"),
    };
}
