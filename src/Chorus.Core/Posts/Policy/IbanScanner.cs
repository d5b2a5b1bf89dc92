namespace Chorus.Posts.Policy;

/// <summary>
/// Finds IBANs: a two-letter country code, two check digits and up to 30 letters and digits, written solid or in
/// the printed groups of four, validated with the ISO 7064 mod-97 check (a random string passes about once in 97
/// tries). Each candidate is at most 34 characters plus its spaces, so the scan stays linear.
/// </summary>
internal static class IbanScanner
{
    private const int MinLength = 15; // Norway
    private const int MaxLength = 34;

    /// <summary>Returns each IBAN found, in text order.</summary>
    public static IEnumerable<TextRange> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int i = 0;
        while (i + 4 <= text.Length)
        {
            if (StartsIban(text, i) && LongestValidEnd(text, i) is int end)
            {
                yield return new TextRange(i, end - i);
                i = end;
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>Returns whether <paramref name="iban"/> (letters and digits only, any case) passes the mod-97 check.</summary>
    internal static bool PassesMod97(ReadOnlySpan<char> iban)
    {
        if (iban.Length < 4)
        {
            return false;
        }

        // The country code and check digits move to the end; letters count as 10 (A) to 35 (Z).
        int remainder = 0;
        for (int k = 0; k < iban.Length; k++)
        {
            char c = char.ToUpperInvariant(iban[(k + 4) % iban.Length]);
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    private static bool StartsIban(string text, int i) =>
        char.IsAsciiLetter(text[i]) && char.IsAsciiLetter(text[i + 1]) && char.IsAsciiDigit(text[i + 2]) && char.IsAsciiDigit(text[i + 3])
        && !TextChars.IsWordCharBefore(text, i);

    private static int? LongestValidEnd(string text, int start)
    {
        Span<char> compact = stackalloc char[MaxLength];
        Span<(int End, int Length)> ends = stackalloc (int, int)[MaxLength];
        int endCount = 0;
        int length = 0;
        int j = start;
        while (true)
        {
            int group = 0;
            while (j < text.Length && char.IsAsciiLetterOrDigit(text[j]))
            {
                if (length == MaxLength)
                {
                    // Too long for an IBAN from here on; what was complete so far may still be one.
                    return Longest(compact, ends[..endCount]);
                }

                compact[length++] = text[j++];
                group++;
            }

            if (TextChars.IsWordCharAt(text, j))
            {
                break;
            }

            ends[endCount++] = (j, length);

            // Printed IBANs come in groups of four; only the last may be shorter.
            if (group != 4 || !(j + 1 < text.Length && text[j] == ' ' && char.IsAsciiLetterOrDigit(text[j + 1])))
            {
                break;
            }

            j++;
        }

        return Longest(compact, ends[..endCount]);
    }

    private static int? Longest(ReadOnlySpan<char> compact, ReadOnlySpan<(int End, int Length)> ends)
    {
        for (int k = ends.Length - 1; k >= 0; k--)
        {
            (int end, int length) = ends[k];
            if (length is >= MinLength and <= MaxLength && PassesMod97(compact[..length]))
            {
                return end;
            }
        }

        return null;
    }
}
