using Chorus.Posts.Policy;

namespace Chorus.Core.Tests.Posts.Policy;

/// <summary>Banned and confidential terms: whole words, any case, any accents, reported where they were written.</summary>
public sealed class TermsCheckTests
{
    [Theory]
    [InlineData("What an ass.", "ass")]
    [InlineData("ASS", "ASS")]
    [InlineData("#ass is trending", "ass")]
    [InlineData("(ass)", "ass")]
    public void A_banned_term_matches_as_a_whole_word(string text, string matched)
    {
        PolicyFinding finding = Assert.Single(Banned("ass").Check(Drafts.Of(text), null));

        Assert.Equal(PolicyRules.BannedTerm, finding.Rule);
        Assert.Equal(FindingSeverity.Block, finding.Severity);
        Assert.Equal(matched, finding.Matched);
        Assert.Equal(matched, text.Substring(finding.Start, finding.Length));
    }

    [Theory]
    [InlineData("Join the class of 2025")]
    [InlineData("Our assistant passes assessments")]
    [InlineData("ass_hat")]
    [InlineData("brass9")]
    public void A_banned_term_does_not_match_inside_a_word(string text) =>
        Assert.Empty(Banned("ass").Check(Drafts.Of(text), null));

    [Theory]
    [InlineData("We start projet zebre today", "projet zebre")]
    [InlineData("PROJET ZÈBRE ships soon", "PROJET ZÈBRE")]
    [InlineData("Inside Projet\n   Zèbre!", "Projet\n   Zèbre")]
    [InlineData("Projet Ze\u0301bre, finally", "Projet Ze\u0301bre")]
    [InlineData("pro\u200Bjet zèbre", "pro\u200Bjet zèbre")]
    public void A_confidential_term_matches_ignoring_case_accents_and_spacing(string text, string matched)
    {
        PolicyFinding finding = Assert.Single(Confidential("Projet Zèbre").Check(Drafts.Of(text), null));

        Assert.Equal(PolicyRules.ConfidentialTerm, finding.Rule);
        Assert.Equal(FindingSeverity.Block, finding.Severity);
        Assert.Equal(matched, finding.Matched);
        Assert.Equal(matched, text.Substring(finding.Start, finding.Length));
        Assert.Contains("internal name", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("projet zebres")]
    [InlineData("projetzebre")]
    [InlineData("projet")]
    public void A_confidential_phrase_needs_all_its_words_whole(string text) =>
        Assert.Empty(Confidential("Projet Zèbre").Check(Drafts.Of(text), null));

    [Fact]
    public void Every_occurrence_is_reported_with_its_own_span()
    {
        const string text = "Zèbre? Yes, ZEBRE. Not zebras.";

        int[] starts = [.. Confidential("zebre").Check(Drafts.Of(text), null).Select(f => f.Start)];

        Assert.Equal([0, 12], starts);
    }

    [Fact]
    public void A_term_in_a_script_without_spaces_matches_inside_a_sentence()
    {
        const string text = "我们的斑马计划很好";

        PolicyFinding finding = Assert.Single(Confidential("斑马计划").Check(Drafts.Of(text), null));

        Assert.Equal(3, finding.Start);
        Assert.Equal("斑马计划", finding.Matched);
    }

    // Stemmed, "guaranteed returns" would read "guarante return" and block the first post: a block stops the author,
    // so banned and confidential terms list the forms they mean (triage terms, which only ask a person to look, match
    // by stem).
    [Theory]
    [InlineData("We guarantee returning customers a discount")]
    [InlineData("No guaranteed return on this one")]
    public void A_banned_phrase_matches_as_written_not_by_stem(string text) =>
        Assert.Empty(Banned("guaranteed returns").Check(Drafts.Of(text), null));

    [Fact]
    public void Nothing_configured_finds_nothing() =>
        Assert.Empty(TermsCheck.Banned(new PolicyOptions()).Check(Drafts.Of("anything at all"), null));

    private static TermsCheck Banned(params string[] terms) => TermsCheck.Banned(new PolicyOptions { BannedTerms = terms });

    private static TermsCheck Confidential(params string[] terms) => TermsCheck.Confidential(new PolicyOptions { ConfidentialTerms = terms });
}
