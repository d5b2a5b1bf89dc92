using Chorus.Posts.Policy;

namespace Chorus.Core.Tests.Posts.Policy;

/// <summary>Folding for matching: case, accents, invisible characters and white space, with offsets back into the original.</summary>
public sealed class FoldedTextTests
{
    [Theory]
    [InlineData("Projet Zèbre", "projet zebre")]
    [InlineData("PROJET ZÈBRE", "projet zebre")]
    [InlineData("Projet Ze\u0301bre", "projet zebre")]
    [InlineData("projet \u00A0\t zèbre", "projet zebre")]
    [InlineData("pro\u200Bjet zè\u00ADbre", "projet zebre")]
    [InlineData("Straße Łódź Ærø İstanbul", "strasse lodz aero istanbul")]
    [InlineData("ΟΔΥΣΣΕΥΣ", "οδυσσευσ")]
    public void Folds_case_accents_invisible_characters_and_white_space(string text, string folded) =>
        Assert.Equal(folded, FoldedText.Fold(text).Value);

    [Fact]
    public void Keeps_marks_that_change_a_letter_in_scripts_other_than_latin()
    {
        // ガ (ga) is not カ (ka) with an accent: folding them together would make "ガス" (gas) match "カス".
        Assert.NotEqual(FoldedText.Fold("カス").Value, FoldedText.Fold("ガス").Value);
    }

    [Fact]
    public void Maps_a_folded_range_back_to_the_original_including_trailing_accents()
    {
        string text = "Le PROJET  Ze\u0301bre arrive";
        FoldedText folded = FoldedText.Fold(text);
        int start = folded.Value.IndexOf("projet zebre", StringComparison.Ordinal);

        TextRange range = folded.ToOriginal(start, "projet zebre".Length);

        Assert.Equal("PROJET  Ze\u0301bre", text.Substring(range.Start, range.Length));
    }

    [Theory]
    [InlineData("\uD800")]
    [InlineData("\uDC00abc\uD800")]
    [InlineData("a\uD83D b\uDE00")]
    public void Lone_surrogates_fold_without_throwing(string text)
    {
        FoldedText folded = FoldedText.Fold(text);

        Assert.Contains('\uFFFD', folded.Value);
    }
}
