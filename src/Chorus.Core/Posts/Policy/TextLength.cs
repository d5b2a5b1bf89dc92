using System.Globalization;
using System.Text;

namespace Chorus.Posts.Policy;

/// <summary>
/// Measures a post the way each platform does, and finds where it stops fitting: the UTF-16 index of the first unit
/// (character, emoji, link) that takes the count past the limit. Every measure is one pass over the text.
/// </summary>
internal static class TextLength
{
    /// <summary>What any link counts as on X (t.co) and Mastodon, whatever its real length.</summary>
    internal const int LinkLength = 23;

    /// <summary>
    /// X's weighted length (twitter-text v3): the text in NFC; code points in U+0000–U+10FF, U+2000–U+200D,
    /// U+2010–U+201F and U+2032–U+2037 weigh 1, all others 2; an emoji weighs 2 however many code points make it
    /// (a family, a flag, a skin tone); a link weighs 23.
    /// </summary>
    public static Measure XWeighted(string text, IReadOnlyList<FoundUrl> urls, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(urls);
        Counter counter = new(limit);
        FoundUrl[] links = [.. urls.Where(url => url.IsAutoLinked)];
        ReadOnlySpan<char> span = text;
        int next = 0;
        int i = 0;
        while (i < span.Length)
        {
            if (next < links.Length && links[next].Range.Start == i)
            {
                counter.Add(LinkLength, i);
                i = links[next++].Range.End;
                continue;
            }

            int length = StringInfo.GetNextTextElementLength(span[i..]);
            if (next < links.Length && i + length > links[next].Range.Start)
            {
                // A link right after a combining mark or joiner still starts a link of its own.
                length = links[next].Range.Start - i;
            }

            counter.Add(XWeight(span.Slice(i, length)), i);
            i += length;
        }

        return counter.Result;
    }

    /// <summary>Bluesky's count: grapheme clusters, what a reader sees as one character.</summary>
    public static Measure Graphemes(string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        Counter counter = new(limit);
        ReadOnlySpan<char> span = text;
        int i = 0;
        while (i < span.Length)
        {
            counter.Add(1, i);
            i += StringInfo.GetNextTextElementLength(span[i..]);
        }

        return counter.Result;
    }

    /// <summary>The UTF-8 size, Bluesky's second limit; a lone surrogate counts as the 3 bytes of U+FFFD that replace it.</summary>
    public static Measure Utf8Bytes(string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        Counter counter = new(limit);
        ReadOnlySpan<char> span = text;
        int i = 0;
        while (i < span.Length)
        {
            Rune rune = TextChars.RuneAt(span, i, out int length);
            counter.Add(rune.Utf8SequenceLength, i);
            i += length;
        }

        return counter.Result;
    }

    /// <summary>Characters as code points (an emoji outside the BMP is one, not two UTF-16 units); LinkedIn and other channels.</summary>
    public static Measure CodePoints(string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        Counter counter = new(limit);
        ReadOnlySpan<char> span = text;
        int i = 0;
        while (i < span.Length)
        {
            TextChars.RuneAt(span, i, out int length);
            counter.Add(1, i);
            i += length;
        }

        return counter.Result;
    }

    /// <summary>
    /// Mastodon's count: code points, except that an http(s) link counts as 23 and a mention of someone on another
    /// server counts as their local part only ("@ana@example.social" is "@ana", 4).
    /// </summary>
    public static Measure Mastodon(string text, IReadOnlyList<FoundUrl> urls, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(urls);
        Counter counter = new(limit);

        // Mastodon links only addresses written with their scheme.
        FoundUrl[] links = [.. urls.Where(url => url.HasScheme && url.IsAutoLinked)];
        ReadOnlySpan<char> span = text;
        int next = 0;
        int i = 0;
        while (i < span.Length)
        {
            if (next < links.Length && links[next].Range.Start == i)
            {
                counter.Add(LinkLength, i);
                i = links[next++].Range.End;
                continue;
            }

            if (span[i] == '@' && RemoteMention(span, i) is (int userLength, int mentionLength))
            {
                counter.Add(1 + userLength, i);
                i += mentionLength;
                continue;
            }

            TextChars.RuneAt(span, i, out int length);
            counter.Add(1, i);
            i += length;
        }

        return counter.Result;
    }

    private static int XWeight(ReadOnlySpan<char> cluster)
    {
        if (cluster.Length == 1 && char.IsAscii(cluster[0]))
        {
            return 1;
        }

        if (IsEmoji(cluster))
        {
            return 2;
        }

        int weight = 0;
        ReadOnlySpan<char> normalized = Nfc(cluster);
        int i = 0;
        while (i < normalized.Length)
        {
            Rune rune = TextChars.RuneAt(normalized, i, out int length);
            weight += rune.Value is <= 4351 or (>= 8192 and <= 8205) or (>= 8208 and <= 8223) or (>= 8242 and <= 8247) ? 1 : 2;
            i += length;
        }

        return weight;
    }

    // twitter-text counts its text in NFC: "e" + U+0301 is one character, "é".
    private static ReadOnlySpan<char> Nfc(ReadOnlySpan<char> cluster)
    {
        try
        {
            return cluster.IsNormalized(NormalizationForm.FormC) ? cluster : cluster.ToString().Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // A lone surrogate cannot be normalised; each one weighs as the replacement character it becomes.
            return cluster;
        }
    }

    // One cluster is one emoji when it holds an emoji-block code point, a presentation selector, a keycap or a tag sequence.
    private static bool IsEmoji(ReadOnlySpan<char> cluster)
    {
        int i = 0;
        while (i < cluster.Length)
        {
            Rune rune = TextChars.RuneAt(cluster, i, out int length);
            if (rune.Value is (>= 0x1F000 and <= 0x1FAFF) or 0xFE0F or 0x20E3 or (>= 0xE0020 and <= 0xE007F))
            {
                return true;
            }

            i += length;
        }

        return false;
    }

    // Mastodon's mention pattern: "@" not after a word character, "=" or "/"; a user name; "@" and a domain.
    private static (int UserLength, int MentionLength)? RemoteMention(ReadOnlySpan<char> text, int at)
    {
        if (TextChars.RuneBefore(text, at) is { } before && (TextChars.IsWordChar(before) || before.Value is '=' or '/'))
        {
            return null;
        }

        int userEnd = at + 1;
        while (userEnd < text.Length && (char.IsAsciiLetterOrDigit(text[userEnd]) || text[userEnd] is '_' or '.' or '-'))
        {
            userEnd++;
        }

        while (userEnd > at + 1 && text[userEnd - 1] is '.' or '-')
        {
            userEnd--;
        }

        if (userEnd == at + 1 || userEnd >= text.Length || text[userEnd] != '@')
        {
            return null;
        }

        int domainEnd = userEnd + 1;
        while (domainEnd < text.Length && (TextChars.IsWordCharAt(text, domainEnd) || text[domainEnd] is '.' or '-'))
        {
            TextChars.RuneAt(text, domainEnd, out int length);
            domainEnd += length;
        }

        while (domainEnd > userEnd + 1 && text[domainEnd - 1] is '.' or '-')
        {
            domainEnd--;
        }

        return domainEnd - (userEnd + 1) >= 2 ? (userEnd - at - 1, domainEnd - at) : null;
    }

    /// <summary>A length and, when it is over the limit, where the text stops fitting (-1 when it fits).</summary>
    internal readonly record struct Measure(int Length, int OverflowStart)
    {
        /// <summary>Gets a value indicating whether the text is over the limit.</summary>
        public bool IsOver => OverflowStart >= 0;
    }

    private sealed class Counter(int limit)
    {
        private int _length;
        private int _overflowStart = -1;

        public Measure Result => new(_length, _overflowStart);

        public void Add(int weight, int unitStart)
        {
            _length += weight;
            if (_length > limit && _overflowStart < 0)
            {
                _overflowStart = unitStart;
            }
        }
    }
}
