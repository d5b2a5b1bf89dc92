using System.Text;

namespace Chorus.Posts.Policy;

/// <summary>
/// Finds links in a post the way the platforms do (closely following twitter-text's rules, which Mastodon reuses):
/// http(s) addresses, and bare domains such as "chorus.com/jobs" whose last label is a real top-level domain.
/// Trailing punctuation is not part of a link ("see chorus.com." links "chorus.com"), nor is an unbalanced closing
/// parenthesis. One pass, each character looked at a bounded number of times, no regular expressions.
/// </summary>
internal static class UrlScanner
{
    private const string Http = "http://";
    private const string Https = "https://";

    /// <summary>Returns the links in <paramref name="text"/>, in text order, malformed http(s) ones included.</summary>
    public static IReadOnlyList<FoundUrl> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<FoundUrl> found = [];
        ReadOnlySpan<char> span = text;
        int i = 0;
        while (i < span.Length)
        {
            char c = span[i];
            if ((c | 0x20) == 'h' && SchemeLength(span[i..]) is int schemeLength and > 0 && MayStartLink(span, i))
            {
                int end = ScanAfterScheme(span, i + schemeLength);
                found.Add(Create(text, i, end, hasScheme: true));
                i = end;
                continue;
            }

            if (IsDomainChar(c) && MayStartBareDomain(span, i))
            {
                int tokenEnd = i;
                while (tokenEnd < span.Length && (IsDomainChar(span[tokenEnd]) || span[tokenEnd] == '.'))
                {
                    tokenEnd++;
                }

                int hostEnd = tokenEnd;
                while (hostEnd > i && span[hostEnd - 1] is '.' or '-' or '_')
                {
                    hostEnd--;
                }

                if (IsBareDomain(span[i..hostEnd]) && !(hostEnd < span.Length && span[hostEnd] is '@' or '+'))
                {
                    int end = ScanPortAndPath(span, hostEnd);
                    FoundUrl url = Create(text, i, end, hasScheme: false);
                    if (url.IsWellFormed)
                    {
                        found.Add(url);
                        i = end;
                        continue;
                    }
                }

                // Nothing inside the rest of this token can start a link: each position follows a letter, digit or dot.
                i = tokenEnd;
                continue;
            }

            i++;
        }

        return found;
    }

    private static int SchemeLength(ReadOnlySpan<char> text) =>
        text.StartsWith(Https, StringComparison.OrdinalIgnoreCase) ? Https.Length
        : text.StartsWith(Http, StringComparison.OrdinalIgnoreCase) ? Http.Length
        : 0;

    // As twitter-text: a link does not start inside an ASCII word, a cashtag, a hashtag or a mention. Other letters
    // may touch it: Japanese or Chinese text often runs straight into a link.
    private static bool MayStartLink(ReadOnlySpan<char> text, int index) =>
        index == 0 || !(char.IsAsciiLetterOrDigit(text[index - 1]) || text[index - 1] is '_' or '@' or '$' or '#' or '＃' or '＠');

    // A bare domain additionally does not follow "-", "_", "." or "/" (it would be part of a path or a longer name).
    private static bool MayStartBareDomain(ReadOnlySpan<char> text, int index) =>
        MayStartLink(text, index) && !(index > 0 && text[index - 1] is '-' or '_' or '.' or '/');

    private static bool IsDomainChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c is >= '\u00C0' and <= '\u024F' and not '\u00D7' and not '\u00F7');

    private static bool IsBareDomain(ReadOnlySpan<char> host)
    {
        int labels = 0;
        int lastDot = -1;
        foreach (Range range in host.Split('.'))
        {
            ReadOnlySpan<char> label = host[range];
            if (label.IsEmpty || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            labels++;
            lastDot = range.Start.GetOffset(host.Length) - 1;
        }

        return labels >= 2 && TopLevelDomains.Contains(host[(lastDot + 1)..]);
    }

    private static int ScanAfterScheme(ReadOnlySpan<char> text, int start)
    {
        int i = start;
        while (i < text.Length)
        {
            Rune rune = TextChars.RuneAt(text, i, out int length);
            bool hostChar = rune.IsAscii
                ? char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '-' or '.' or '_' or '@' or ':' or '[' or ']' or '%' or '~'
                : Rune.IsLetterOrDigit(rune) && !TextChars.IsUnspacedScript(rune);
            if (!hostChar)
            {
                break;
            }

            i += length;
        }

        return TrimEnd(text, start, ScanPath(text, i));
    }

    private static int ScanPortAndPath(ReadOnlySpan<char> text, int hostEnd)
    {
        int i = hostEnd;
        if (i + 1 < text.Length && text[i] == ':' && TextChars.IsDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && TextChars.IsDigit(text[i]))
            {
                i++;
            }
        }

        return TrimEnd(text, hostEnd, ScanPath(text, i));
    }

    private static int ScanPath(ReadOnlySpan<char> text, int start)
    {
        if (start >= text.Length || text[start] is not ('/' or '?' or '#'))
        {
            return start;
        }

        int i = start;
        int open = 0;
        while (i < text.Length)
        {
            Rune rune = TextChars.RuneAt(text, i, out int length);
            if (rune.Value == '(')
            {
                open++;
            }
            else if (rune.Value == ')')
            {
                if (open == 0)
                {
                    break;
                }

                open--;
            }
            else if (!IsPathChar(rune))
            {
                break;
            }

            i += length;
        }

        return i;
    }

    // twitter-text's path characters: ASCII URL characters, plus Latin, Greek and Cyrillic letters; other scripts end the link.
    private static bool IsPathChar(Rune rune) =>
        rune.IsAscii
            ? char.IsAsciiLetterOrDigit((char)rune.Value) || "!*';:=+,.$/%#[]-_~&|@?".Contains((char)rune.Value, StringComparison.Ordinal)
            : Rune.IsLetterOrDigit(rune) && rune.Value is < 0x0530 or (>= 0x1E00 and < 0x2000);

    // A link ends in a letter, a digit, or one of / = _ # + - & ) (parentheses are balanced by then): "see chorus.com." links "chorus.com".
    private static int TrimEnd(ReadOnlySpan<char> text, int floor, int end)
    {
        while (end > floor)
        {
            char last = text[end - 1];
            if (char.IsLetterOrDigit(last) || char.IsLowSurrogate(last) || last is '/' or '=' or '_' or '#' or '+' or '-' or '&' or ')')
            {
                break;
            }

            end--;
        }

        return end;
    }

    private static FoundUrl Create(string text, int start, int end, bool hasScheme)
    {
        string candidate = text[start..end];
        string absolute = hasScheme ? candidate : Https + candidate;
        Uri? uri = Uri.TryCreate(absolute, UriKind.Absolute, out Uri? parsed)
            && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)
            && parsed.Host.Length > 0
                ? parsed
                : null;
        return new FoundUrl(new TextRange(start, end - start), candidate, hasScheme, uri);
    }
}
