using Chorus.Sentiment;

namespace Chorus.Posts.Policy;

/// <summary>
/// Blocks a post that is too long for a channel it is meant for, with one finding per such channel. Each platform
/// counts differently (see <see cref="TextLength"/>); the finding's span is the part that does not fit.
/// </summary>
internal sealed class LengthCheck(PolicyOptions options) : IPolicyCheck
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

    private const string Highlighted = " The highlighted part is what does not fit.";

    public string Rule => PolicyRules.Length;

    public IEnumerable<PolicyFinding> Check(PostDraft draft, DocumentSentiment? sentiment)
    {
        ArgumentNullException.ThrowIfNull(draft);
        string text = draft.Text;
        Lazy<IReadOnlyList<FoundUrl>> urls = new(() => UrlScanner.Find(text), LazyThreadSafetyMode.None);
        List<PolicyFinding> findings = [];
        foreach (Channel channel in draft.Channels.Distinct())
        {
            if (Measure(channel, text, urls) is { } over)
            {
                findings.Add(new PolicyFinding(
                    Rule,
                    FindingSeverity.Block,
                    over.Explanation,
                    over.Measure.OverflowStart,
                    text.Length - over.Measure.OverflowStart,
                    text[over.Measure.OverflowStart..],
                    channel.ToString()));
            }
        }

        return findings;
    }

    private (TextLength.Measure Measure, string Explanation)? Measure(Channel channel, string text, Lazy<IReadOnlyList<FoundUrl>> urls)
    {
        switch (channel)
        {
            case Channel.X:
                TextLength.Measure x = TextLength.XWeighted(text, urls.Value, XLimit);
                return x.IsOver
                    ? (x, $"{TooLong(x, XLimit, "long as X counts them", "X")} X counts most letters as 1, but Chinese, Japanese and Korean "
                        + $"characters and each emoji as 2, and every link as {TextLength.LinkLength} whatever its length.{Highlighted}")
                    : null;
            case Channel.Bluesky:
                TextLength.Measure graphemes = TextLength.Graphemes(text, BlueskyLimit);
                if (graphemes.IsOver)
                {
                    return (graphemes, $"{TooLong(graphemes, BlueskyLimit, "long as Bluesky counts them", "Bluesky")} Bluesky counts what "
                        + "you see as one character once, so an emoji made of several (a family, a flag, a skin tone) counts as 1; links "
                        + $"count in full.{Highlighted}");
                }

                TextLength.Measure bytes = TextLength.Utf8Bytes(text, BlueskyByteLimit);
                return bytes.IsOver
                    ? (bytes, $"This post fits Bluesky's {BlueskyLimit} characters but takes {Wording.Number(bytes.Length)} bytes, and "
                        + $"Bluesky also allows at most {Wording.Number(BlueskyByteLimit)}: cut at least "
                        + $"{Wording.Number(bytes.Length - BlueskyByteLimit)} bytes' worth. Emoji sequences and some scripts take many bytes "
                        + $"per character.{Highlighted}")
                    : null;
            case Channel.Mastodon:
                TextLength.Measure mastodon = TextLength.Mastodon(text, urls.Value, MastodonLimit);
                return mastodon.IsOver
                    ? (mastodon, $"{TooLong(mastodon, MastodonLimit, "long as Mastodon counts them", "Mastodon")} Every link counts as "
                        + $"{TextLength.LinkLength}, and a mention of someone on another server counts only their user name (\"@ana\" "
                        + $"for \"@ana@example.social\").{Highlighted}")
                    : null;
            case Channel.LinkedIn:
                TextLength.Measure linkedIn = TextLength.CodePoints(text, LinkedInLimit);
                return linkedIn.IsOver ? (linkedIn, TooLong(linkedIn, LinkedInLimit, "long", "LinkedIn") + Highlighted) : null;
            default:
                TextLength.Measure other = TextLength.CodePoints(text, options.MaxLengthOther);
                return other.IsOver
                    ? (other, $"This post is {Wording.Number(other.Length)} characters long, and posts for other channels are limited to "
                        + $"{Wording.Number(options.MaxLengthOther)}: cut at least {Wording.Number(other.Length - options.MaxLengthOther)}.{Highlighted}")
                    : null;
        }
    }

    private static string TooLong(TextLength.Measure measure, int limit, string countedHow, string platform) =>
        $"This post is {Wording.Number(measure.Length)} characters {countedHow}, and {platform} allows {Wording.Number(limit)}: "
        + $"cut at least {Wording.Number(measure.Length - limit)}.";
}
