using Chorus.Sentiment.Vader;

namespace Chorus.Sentiment.Tests.Vader;

/// <summary>The Python string semantics the port depends on (expected values from CPython 3.11).</summary>
public sealed class PythonTextTests
{
    [Fact]
    public void Whitespace_is_exactly_what_str_split_splits_on()
    {
        int[] pythonWhitespace =
        [
            0x9, 0xA, 0xB, 0xC, 0xD, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
            0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
        ];

        for (int c = 0; c <= char.MaxValue; c++)
        {
            Assert.True(Array.IndexOf(pythonWhitespace, c) >= 0 == PythonText.IsSpace((char)c), $"U+{c:X4}");
        }
    }

    [Fact]
    public void Punctuation_is_string_punctuation()
    {
        const string punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
        for (int c = 0; c <= char.MaxValue; c++)
        {
            Assert.True(punctuation.Contains((char)c, StringComparison.Ordinal) == PythonText.IsPunctuation((char)c), $"U+{c:X4}");
        }
    }

    [Theory]
    [InlineData("ABC", true)]
    [InlineData("ABC1!", true)]
    [InlineData(":D", true)]
    [InlineData("AbC", false)]
    [InlineData("123", false)]
    [InlineData("", false)]
    [InlineData("\u2160\u2161", true)] // Roman numerals: Other_Uppercase
    [InlineData("\u24B6", true)] // circled A
    [InlineData("A\u00AA", false)] // ª: Other_Lowercase
    [InlineData("A\u01C5", false)] // ǅ: title case
    [InlineData("\U0001D400", true)] // MATHEMATICAL BOLD CAPITAL A, a surrogate pair
    [InlineData("\u00C9T\u00C9", true)]
    public void IsUpper_matches_str_isupper(string text, bool expected) => Assert.Equal(expected, PythonText.IsUpper(text));

    [Fact]
    public void Only_ASCII_and_the_Kelvin_sign_lower_case_to_ASCII()
    {
        for (int c = 0; c <= char.MaxValue; c++)
        {
            char lower = PythonText.LowerForLookup((char)c);
            bool expectAscii = c < 128 || c == 0x212A;
            Assert.True(expectAscii == lower < 128, $"U+{c:X4}");
        }

        Assert.Equal('k', PythonText.LowerForLookup('\u212A'));
        Assert.Equal('a', PythonText.LowerForLookup('A'));
    }

    // Lone surrogates cannot go through [InlineData]: attribute strings are stored as UTF-8, which replaces them.
    [Fact]
    public void CodePointLength_counts_like_len()
    {
        Assert.Equal(3, PythonText.CodePointLength("abc"));
        Assert.Equal(1, PythonText.CodePointLength("\U0001F600"));
        Assert.Equal(2, PythonText.CodePointLength("\uD800\uD800"));
        Assert.Equal(3, PythonText.CodePointLength("a\uDC00\uD83D\uDE00"));
    }

    [Fact]
    public void A_lone_surrogate_is_not_cased() => Assert.True(PythonText.IsUpper("A\uD800"));

    [Theory]
    [InlineData(0.0625, 3, 0.062)]
    [InlineData(0.1235, 3, 0.123)] // stored below the half: Math.Round would say 0.124
    [InlineData(0.00005, 4, 0.0001)]
    [InlineData(-0.0625, 3, -0.062)]
    [InlineData(0.6997, 4, 0.6997)]
    [InlineData(2.675, 2, 2.67)]
    [InlineData(0.5, 0, 0.0)]
    [InlineData(1.5, 0, 2.0)]
    [InlineData(0.03125, 4, 0.0312)]
    [InlineData(-0.03125, 4, -0.0312)]
    [InlineData(1e-30, 3, 0.0)]
    [InlineData(0.9999999, 3, 1.0)]
    [InlineData(123456.78915, 4, 123456.7891)]
    public void Round_matches_python_round(double value, int digits, double expected) =>
        Assert.Equal(expected, PythonRound.Round(value, digits));

    [Fact]
    public void Round_keeps_the_sign_of_a_negative_value_rounded_to_zero() =>
        Assert.True(double.IsNegative(PythonRound.Round(-1e-30, 3)));
}
