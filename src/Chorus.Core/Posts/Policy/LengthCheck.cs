using Chorus.Sentiment;

namespace Chorus.Posts.Policy;

/// <summary>
/// Blocks a post that is too long for a channel it is meant for, with one finding per such channel. Each platform
/// counts differently (see <see cref="TextLength"/>); the finding's span is the part that does not fit.
/// </summary>
internal sealed class LengthCheck(PolicyOptions options) : IPolicyCheck
{
    private readonly ChannelLengths _lengths = new(options);

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
            if (Over(channel, text, urls) is { } over)
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

    private (TextLength.Measure Measure, string Explanation)? Over(Channel channel, string text, Lazy<IReadOnlyList<FoundUrl>> urls)
    {
        (TextLength.Measure measure, int limit, _) = _lengths.Measure(channel, text, urls.Value);
        switch (channel)
        {
            case Channel.X:
                return measure.IsOver
                    ? (measure, $"{TooLong(measure, limit, "long as X counts them", "X")} X counts most letters as 1, but Chinese, Japanese and Korean "
                        + $"characters and each emoji as 2, and every link as {TextLength.LinkLength} whatever its length.{Highlighted}")
                    : null;
            case Channel.Bluesky:
                if (measure.IsOver)
                {
                    return (measure, $"{TooLong(measure, limit, "long as Bluesky counts them", "Bluesky")} Bluesky counts what "
                        + "you see as one character once, so an emoji made of several (a family, a flag, a skin tone) counts as 1; links "
                        + $"count in full.{Highlighted}");
                }

                TextLength.Measure bytes = TextLength.Utf8Bytes(text, ChannelLengths.BlueskyByteLimit);
                return bytes.IsOver
                    ? (bytes, $"This post fits Bluesky's {limit} characters but takes {Wording.Number(bytes.Length)} bytes, and "
                        + $"Bluesky also allows at most {Wording.Number(ChannelLengths.BlueskyByteLimit)}: cut at least "
                        + $"{Wording.Number(bytes.Length - ChannelLengths.BlueskyByteLimit)} bytes' worth. Emoji sequences and some scripts take many bytes "
                        + $"per character.{Highlighted}")
                    : null;
            case Channel.Mastodon:
                return measure.IsOver
                    ? (measure, $"{TooLong(measure, limit, "long as Mastodon counts them", "Mastodon")} Every link counts as "
                        + $"{TextLength.LinkLength}, and a mention of someone on another server counts only their user name (\"@ana\" "
                        + $"for \"@ana@example.social\").{Highlighted}")
                    : null;
            case Channel.LinkedIn:
                return measure.IsOver ? (measure, TooLong(measure, limit, "long", "LinkedIn") + Highlighted) : null;
            default:
                return measure.IsOver
                    ? (measure, $"This post is {Wording.Number(measure.Length)} characters long, and posts for other channels are limited to "
                        + $"{Wording.Number(limit)}: cut at least {Wording.Number(measure.Length - limit)}.{Highlighted}")
                    : null;
        }
    }

    private static string TooLong(TextLength.Measure measure, int limit, string countedHow, string platform) =>
        $"This post is {Wording.Number(measure.Length)} characters {countedHow}, and {platform} allows {Wording.Number(limit)}: "
        + $"cut at least {Wording.Number(measure.Length - limit)}.";
}
