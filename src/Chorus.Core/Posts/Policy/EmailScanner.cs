namespace Chorus.Posts.Policy;

/// <summary>
/// Finds email addresses: a local part, "@", and a domain of at least two labels ending in letters. Works outward
/// from each "@", so the whole text is read about twice at most. A fediverse handle such as "@ana@mastodon.social"
/// is an account name, not an address, and is not reported.
/// </summary>
internal static class EmailScanner
{
    /// <summary>Returns each address found, in text order.</summary>
    public static IEnumerable<TextRange> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int from = 0;
        while (from < text.Length && text.IndexOf('@', from) is int at and >= 0)
        {
            from = at + 1;
            int start = at;
            while (start > 0 && IsLocalChar(text[start - 1]))
            {
                start--;
            }

            while (start < at && text[start] == '.')
            {
                start++;
            }

            if (start == at || (start > 0 && text[start - 1] is '@' or '＠'))
            {
                continue;
            }

            int end = at + 1;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '-' or '.'))
            {
                end++;
            }

            while (end > at + 1 && text[end - 1] is '.' or '-')
            {
                end--;
            }

            if (IsDomain(text.AsSpan(at + 1, end - at - 1)))
            {
                yield return new TextRange(start, end - start);
                from = end;
            }
        }
    }

    private static bool IsLocalChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-' or '\'';

    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        int labels = 0;
        ReadOnlySpan<char> last = default;
        foreach (Range range in domain.Split('.'))
        {
            ReadOnlySpan<char> label = domain[range];
            if (label.IsEmpty || label[0] == '-')
            {
                return false;
            }

            labels++;
            last = label;
        }

        if (labels < 2 || last.Length < 2)
        {
            return false;
        }

        foreach (char c in last)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
