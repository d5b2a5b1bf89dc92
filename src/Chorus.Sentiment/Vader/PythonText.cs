using System.Globalization;
using System.Runtime.CompilerServices;

namespace Chorus.Sentiment.Vader;

/// <summary>
/// The few Python 3 <c>str</c> semantics VADER depends on, where .NET differs: which characters are whitespace
/// (<c>str.split()</c> also splits on U+001C..U+001F, and not on U+200B), what <c>str.isupper()</c> calls cased
/// (Unicode's Uppercase/Lowercase properties, which add e.g. Roman numerals and circled letters to Lu/Ll), which
/// characters <c>str.lower()</c> turns into ASCII (only U+212A KELVIN SIGN, to "k"), and that <c>len()</c> counts
/// code points. Property tables are those of Python 3.11 (Unicode 14).
/// </summary>
internal static class PythonText
{
    private const char KelvinSign = '\u212A';

    // string.punctuation as a 128-bit set.
    private static readonly uint[] PunctuationMask = BuildPunctuationMask();
    private const char CapitalIWithDot = '\u0130';

    // Other_Uppercase / Other_Lowercase: cased for str.isupper() without being Lu / Ll (Python 3.11, Unicode 14).
    private static readonly (int First, int Last)[] OtherUppercase =
    [
        (0x2160, 0x216F), (0x24B6, 0x24CF), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189),
    ];

    private static readonly (int First, int Last)[] OtherLowercase =
    [
        (0xAA, 0xAA), (0xBA, 0xBA), (0x2B0, 0x2B8), (0x2C0, 0x2C1), (0x2E0, 0x2E4), (0x345, 0x345), (0x37A, 0x37A),
        (0x1D2C, 0x1D6A), (0x1D78, 0x1D78), (0x1D9B, 0x1DBF), (0x2071, 0x2071), (0x207F, 0x207F), (0x2090, 0x209C),
        (0x2170, 0x217F), (0x24D0, 0x24E9), (0x2C7C, 0x2C7D), (0xA69C, 0xA69D), (0xA770, 0xA770), (0xA7F8, 0xA7F9),
        (0xAB5C, 0xAB5F), (0x10780, 0x10780), (0x10783, 0x10785), (0x10787, 0x107B0), (0x107B2, 0x107BA),
    ];

    /// <summary>Whether Python's <c>str.isspace()</c> (and so <c>str.split()</c>) treats <paramref name="c"/> as whitespace.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSpace(char c) => (c <= ' ' || c >= '\u0085') && IsSpaceSlow(c);

    /// <summary>Whether <paramref name="c"/> is in Python's <c>string.punctuation</c> (ASCII only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPunctuation(char c) => c < 128 && (PunctuationMask[c >> 5] & (1u << (c & 31))) != 0;

    /// <summary><c>str.strip()</c> with no argument.</summary>
    public static ReadOnlySpan<char> Strip(ReadOnlySpan<char> text)
    {
        int start = 0;
        int end = text.Length;
        while (start < end && IsSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>Python's <c>len()</c>: code points, where a valid surrogate pair is one and a lone surrogate is one.</summary>
    public static int CodePointLength(ReadOnlySpan<char> text)
    {
        int length = text.Length;
        for (int i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                length--;
                i++;
            }
        }

        return length;
    }

    /// <summary>
    /// Lower-cases one UTF-16 unit for lexicon lookup. ASCII and U+212A map exactly as Python's <c>str.lower()</c>.
    /// Every other character maps to a non-ASCII character, as in Python, so it can only ever match a non-ASCII
    /// lexicon key; the only such keys (":Þ", ":-Þ") contain an upper-case letter and so never match in the reference
    /// either. U+0130 becomes "i̇" in Python, two characters that match nothing; it is kept as is here.
    /// </summary>
    public static char LowerForLookup(char c)
    {
        if (c < 128)
        {
            return char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
        }

        if (c == KelvinSign)
        {
            return 'k';
        }

        if (c == CapitalIWithDot || char.IsSurrogate(c))
        {
            return c;
        }

        char lower = char.ToLowerInvariant(c);
        return lower < 128 ? c : lower;
    }

    /// <summary>Python's <c>str.isupper()</c>: at least one cased character and no lower- or title-case one.</summary>
    public static bool IsUpper(ReadOnlySpan<char> text)
    {
        bool cased = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 128)
            {
                if (char.IsAsciiLetterLower(c))
                {
                    return false;
                }

                cased |= char.IsAsciiLetterUpper(c);
                continue;
            }

            int scalar = c;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                scalar = char.ConvertToUtf32(c, text[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                continue;
            }

            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(scalar);
            if (category is UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter || InRanges(OtherLowercase, scalar))
            {
                return false;
            }

            cased |= category == UnicodeCategory.UppercaseLetter || InRanges(OtherUppercase, scalar);
        }

        return cased;
    }

    private static bool IsSpaceSlow(char c) => c switch
    {
        >= '\t' and <= '\r' => true,
        >= '\u001C' and <= ' ' => true,
        '\u0085' or '\u00A0' or '\u1680' => true,
        >= '\u2000' and <= '\u200A' => true,
        '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' => true,
        _ => false,
    };

    private static uint[] BuildPunctuationMask()
    {
        uint[] mask = new uint[4];
        foreach (char c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
        {
            mask[c >> 5] |= 1u << (c & 31);
        }

        return mask;
    }

    private static bool InRanges((int First, int Last)[] ranges, int scalar)
    {
        foreach ((int first, int last) in ranges)
        {
            if (scalar >= first && scalar <= last)
            {
                return true;
            }
        }

        return false;
    }
}
