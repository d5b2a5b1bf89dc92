using Chorus.Posts.Policy;

namespace Chorus.Core.Tests.Posts.Policy;

/// <summary>The one term matcher with a stemmer: words match by stem, anything else as written, reported where written.</summary>
public sealed class TermMatcherStemmingTests
{
    private static readonly Stemmer English = Stemmer.For("en")!;

    [Fact]
    public void Every_form_is_found_where_it_was_written()
    {
        const string text = "Cancelled! Then can\u00ADcelling, then a CANCELLATION.";

        TermMatch[] matches = [.. new TermMatcher(["cancel"], English).Matches(FoldedText.Fold(text))];

        Assert.Equal(["Cancelled", "can\u00ADcelling", "CANCELLATION"], matches.Select(m => text.Substring(m.Range.Start, m.Range.Length)));
        Assert.All(matches, m => Assert.Equal("cancel", m.Term));
    }

    [Fact]
    public void The_first_match_in_text_order_wins_whether_stemmed_or_written()
    {
        TermMatcher matcher = new(["refund", "#billing"], English);

        Assert.Equal("#billing", matcher.First(FoldedText.Fold("#billing: refunded twice"))?.Term);
        Assert.Equal("refund", matcher.First(FoldedText.Fold("refunded twice #billing"))?.Term);
    }

    [Theory]
    [InlineData("#refund", "#refunds please", false)]
    [InlineData("#refund", "#refund please", true)]
    [InlineData("e-mail", "e-mails", false)]
    [InlineData("C++", "we use C++", true)]
    public void A_term_that_is_not_only_words_matches_as_written(string term, string text, bool found) =>
        Assert.Equal(found, new TermMatcher([term], English).First(FoldedText.Fold(text)) is not null);

    [Fact]
    public void Words_next_to_a_script_without_spaces_still_match()
    {
        TermMatch match = Assert.NotNull(new TermMatcher(["refund"], English).First(FoldedText.Fold("请refunded谢谢")));

        Assert.Equal(new TextRange(1, 8), match.Range);
    }

    [Theory]
    [InlineData(null, "en")]
    [InlineData("", "en")]
    [InlineData("und", "en")]
    [InlineData("EN-us", "en")]
    [InlineData("pt_BR", "pt")]
    [InlineData("nb", "nb")]
    [InlineData("ja", null)]
    [InlineData("zh-Hant", null)]
    [InlineData("x-klingon", null)]
    public void A_language_tag_picks_its_stemmer_or_none(string? tag, string? language) =>
        Assert.Equal(language, Stemmer.For(tag)?.Language);
}
