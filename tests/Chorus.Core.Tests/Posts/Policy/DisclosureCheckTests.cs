using Chorus.Posts.Policy;

namespace Chorus.Core.Tests.Posts.Policy;

/// <summary>Posts about the employer must disclose the connection, with a tag readers understand.</summary>
public sealed class DisclosureCheckTests
{
    [Theory]
    [InlineData("Lovely weather for a walk today.")]
    [InlineData("The choruses at the concert were lovely.")]
    [InlineData("Proud of my team at #ChorusEmployee events")]
    public void A_post_that_does_not_mention_the_company_needs_no_disclosure(string text) =>
        Assert.Empty(Check(text));

    [Fact]
    public void Mentioning_the_company_without_a_tag_is_blocked_with_the_law_explained()
    {
        PolicyFinding finding = Assert.Single(Check("Chorus just shipped the best release ever, go try it!"));

        Assert.Equal(PolicyRules.Disclosure, finding.Rule);
        Assert.Equal(FindingSeverity.Block, finding.Severity);
        Assert.Equal(-1, finding.Start);
        Assert.Equal(0, finding.Length);
        Assert.Contains("#ad or #ChorusEmployee", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("16 CFR Part 255", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("16 CFR Part 465", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("CAP Code", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("\"Ad\" up front", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#ad Chorus just shipped the best release ever")]
    [InlineData("#ChorusEmployee: chorus just shipped the best release ever")]
    [InlineData("#chorusemployee chorus.com has the details")]
    [InlineData("#AD @Chorus rocks")]
    public void A_clear_disclosure_passes(string text) => Assert.Empty(Check(text));

    [Theory]
    [InlineData("#adventure with Chorus this weekend")]
    [InlineData("#employee and proud: Chorus rocks")]
    [InlineData("x#ad Chorus rocks")]
    public void Something_that_only_looks_like_a_tag_is_no_disclosure(string text) =>
        Assert.Equal(-1, Assert.Single(Check(text)).Start);

    [Theory]
    [InlineData("#spon")]
    [InlineData("#SP")]
    [InlineData("#ee")]
    [InlineData("#collab")]
    public void A_vague_tag_is_blocked_where_it_stands_with_the_reason(string tag)
    {
        string text = $"{tag} Chorus just shipped the best release ever";

        PolicyFinding finding = Assert.Single(Check(text));

        Assert.Equal(FindingSeverity.Block, finding.Severity);
        Assert.Equal(0, finding.Start);
        Assert.Equal(tag, finding.Matched);
        Assert.Contains("too vague", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("#ad or #ChorusEmployee", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vague_tag_next_to_a_clear_one_is_fine() => Assert.Empty(Check("#spon #ad Chorus rocks"));

    [Fact]
    public void Product_names_count_as_mentions()
    {
        DisclosureCheck check = new(new PolicyOptions { ProductNames = ["Harmony Cloud"] });

        Assert.Single(check.Check(Drafts.Of("harmony  cloud is brilliant"), null));
        Assert.Empty(check.Check(Drafts.Of("harmony is brilliant"), null));
    }

    [Fact]
    public void The_default_employee_tag_is_built_from_the_company_name()
    {
        DisclosureCheck check = new(new PolicyOptions { CompanyName = "Acme Corp." });

        Assert.Empty(check.Check(Drafts.Of("#AcmeCorpEmployee Acme Corp. is hiring"), null));
        Assert.Contains("#ad or #AcmeCorpEmployee", Assert.Single(check.Check(Drafts.Of("Acme Corp. is hiring"), null)).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_tags_replace_the_defaults_and_may_use_the_placeholder()
    {
        DisclosureCheck check = new(new PolicyOptions { DisclosureTags = ["#{CompanyName}Staff"] });

        Assert.Empty(check.Check(Drafts.Of("#ChorusStaff Chorus rocks"), null));
        Assert.Single(check.Check(Drafts.Of("#ad Chorus rocks"), null));
    }

    [Fact]
    public void The_severity_is_configurable()
    {
        DisclosureCheck check = new(new PolicyOptions { DisclosureSeverity = FindingSeverity.Warn });

        Assert.Equal(FindingSeverity.Warn, Assert.Single(check.Check(Drafts.Of("Chorus rocks"), null)).Severity);
    }

    [Fact]
    public void Nothing_is_checked_when_disclosure_is_not_required() =>
        Assert.Empty(new DisclosureCheck(new PolicyOptions { DisclosureRequired = false }).Check(Drafts.Of("Chorus rocks"), null));

    [Fact]
    public void A_disclosure_buried_at_the_end_of_a_long_post_gets_advice()
    {
        string text = "Chorus " + new string('x', 200) + " #ad";

        PolicyFinding finding = Assert.Single(Check(text));

        Assert.Equal(FindingSeverity.Info, finding.Severity);
        Assert.Equal(text.Length - 3, finding.Start);
        Assert.Equal("#ad", finding.Matched);
    }

    private static IEnumerable<PolicyFinding> Check(string text) => new DisclosureCheck(new PolicyOptions()).Check(Drafts.Of(text), null);
}
