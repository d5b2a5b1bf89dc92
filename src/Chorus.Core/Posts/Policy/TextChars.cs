using System.Globalization;
using System.Text;

namespace Chorus.Posts.Policy;

/// <summary>Character classes the scanners share, all safe on lone surrogates (they read as U+FFFD).</summary>
internal static class TextChars
{
    /// <summary>Returns the code point at <paramref name="index"/> and how many UTF-16 units it takes (a lone surrogate is U+FFFD, one unit).</summary>
    public static Rune RuneAt(ReadOnlySpan<char> text, int index, out int length)
    {
        Rune.DecodeFromUtf16(text[index..], out Rune rune, out length);
        return rune;
    }

    /// <summary>Returns the code point that ends just before <paramref name="index"/>, or null at the start of the text.</summary>
    public static Rune? RuneBefore(ReadOnlySpan<char> text, int index)
    {
        if (index <= 0)
        {
            return null;
        }

        Rune.DecodeLastFromUtf16(text[..index], out Rune rune, out _);
        return rune;
    }

    /// <summary>Returns whether <paramref name="rune"/> is part of a word: a letter, a digit or '_', as <c>\w</c> counts them.</summary>
    public static bool IsWordChar(Rune rune) => Rune.IsLetterOrDigit(rune) || rune.Value == '_';

    /// <summary>
    /// Returns whether <paramref name="rune"/> is a word character of a script written with spaces between words: only
    /// those can run on into a term and make it part of a longer word.
    /// </summary>
    public static bool IsSpacedWordChar(Rune rune) => IsWordChar(rune) && !IsUnspacedScript(rune);

    /// <summary>
    /// Returns whether <paramref name="rune"/> belongs to a script written without spaces between words (Chinese,
    /// Japanese, Thai, Lao, Khmer, Myanmar). Word boundaries mean nothing there, so a term in such a script, or
    /// next to one, matches without them.
    /// </summary>
    public static bool IsUnspacedScript(Rune rune)
    {
        int cp = rune.Value;
        return cp is (>= 0x0E00 and <= 0x0EFF) // Thai, Lao
            or (>= 0x1000 and <= 0x109F) // Myanmar
            or (>= 0x1780 and <= 0x17FF) // Khmer
            or (>= 0x3040 and <= 0x30FF) // Hiragana, Katakana
            or (>= 0x3400 and <= 0x4DBF) // CJK extension A
            or (>= 0x4E00 and <= 0x9FFF) // CJK unified ideographs
            or (>= 0xF900 and <= 0xFAFF) // CJK compatibility ideographs
            or (>= 0xFF66 and <= 0xFF9F) // half-width katakana
            or (>= 0x20000 and <= 0x3FFFF); // CJK extensions B and later
    }

    /// <summary>Returns whether <paramref name="rune"/> is a combining mark (an accent, a vowel sign) that belongs to the character before it.</summary>
    public static bool IsMark(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>Returns whether <paramref name="c"/> is an ASCII digit.</summary>
    public static bool IsDigit(char c) => char.IsAsciiDigit(c);

    /// <summary>Returns whether the character at <paramref name="index"/> is an ASCII digit; false past either end.</summary>
    public static bool IsDigitAt(ReadOnlySpan<char> text, int index) => index >= 0 && index < text.Length && char.IsAsciiDigit(text[index]);

    /// <summary>Returns whether the code point at <paramref name="index"/> is a letter, digit or '_'; false past the end.</summary>
    public static bool IsWordCharAt(ReadOnlySpan<char> text, int index) => index < text.Length && IsWordChar(RuneAt(text, index, out _));

    /// <summary>Returns whether the code point ending before <paramref name="index"/> is a letter, digit or '_'; false at the start.</summary>
    public static bool IsWordCharBefore(ReadOnlySpan<char> text, int index) => RuneBefore(text, index) is { } rune && IsWordChar(rune);
}
