using Chorus.Posts;
using Chorus.Posts.Policy;

namespace Chorus.Core.Tests.Posts.Policy;

/// <summary>Links outside the allowed sites, shortened links and malformed links go to an approver.</summary>
public sealed class LinkCheckTests
{
    private static readonly PolicyOptions Options = new() { AllowedLinkDomains = ["chorus.com", "chorus.dev"] };

    [Theory]
    [InlineData("Apply at https://chorus.com/jobs")]
    [InlineData("Apply at https://jobs.chorus.com/")]
    [InlineData("Apply at chorus.dev/docs")]
    [InlineData("Apply at HTTPS://CHORUS.COM.")]
    [InlineData("No links here")]
    public void Links_to_allowed_sites_and_their_subdomains_pass(string text) => Assert.Empty(Domains(Drafts.Of(text)));

    [Theory]
    [InlineData("Look: https://notchorus.com/x", "https://notchorus.com/x", "notchorus.com")]
    [InlineData("Look: https://chorus.com.evil.io/x", "https://chorus.com.evil.io/x", "chorus.com.evil.io")]
    [InlineData("Look: https://chorus.com@evil.io/x", "https://chorus.com@evil.io/x", "evil.io")]
    [InlineData("Look: example.org/page.", "example.org/page", "example.org")]
    public void Links_elsewhere_are_warned_where_they_stand(string text, string matched, string host)
    {
        PolicyFinding finding = Assert.Single(Domains(Drafts.Of(text)));

        Assert.Equal(PolicyRules.LinkDomain, finding.Rule);
        Assert.Equal(FindingSeverity.Warn, finding.Severity);
        Assert.Equal(matched, finding.Matched);
        Assert.Equal(matched, text.Substring(finding.Start, finding.Length));
        Assert.Contains($"goes to {host},", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_look_alike_host_is_shown_in_its_ascii_form()
    {
        PolicyFinding finding = Assert.Single(Domains(Drafts.Of("https://chοrus.com/login")));

        Assert.Contains("xn--", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Short: bit.ly/3xYz", "bit.ly/3xYz")]
    [InlineData("Short: https://t.co/abc", "https://t.co/abc")]
    [InlineData("Short: https://www.tinyurl.com/abc", "https://www.tinyurl.com/abc")]
    public void Shortened_links_are_warned_once_as_shortened(string text, string matched)
    {
        PostDraft draft = Drafts.Of(text);

        PolicyFinding finding = Assert.Single(LinkCheck.Shorteners(Options).Check(draft, null));

        Assert.Equal(PolicyRules.LinkShortener, finding.Rule);
        Assert.Equal(FindingSeverity.Warn, finding.Severity);
        Assert.Equal(matched, finding.Matched);
        Assert.Contains("hide where they go", finding.Explanation, StringComparison.Ordinal);
        Assert.Empty(Domains(draft));
    }

    [Fact]
    public void Configured_shorteners_replace_the_default_list()
    {
        LinkCheck check = LinkCheck.Shorteners(new PolicyOptions { UrlShorteners = ["go.chorus.com"] });

        Assert.Single(check.Check(Drafts.Of("https://go.chorus.com/x"), null));
        Assert.Empty(check.Check(Drafts.Of("https://bit.ly/x"), null));
    }

    [Fact]
    public void Declared_links_are_checked_too_without_a_span()
    {
        PolicyFinding finding = Assert.Single(Domains(Drafts.WithLinks("See the link below", new Uri("https://evil.io/offer"))));

        Assert.Equal(-1, finding.Start);
        Assert.Equal("https://evil.io/offer", finding.Matched);
    }

    [Fact]
    public void A_declared_link_also_in_the_text_is_reported_once()
    {
        PolicyFinding finding = Assert.Single(Domains(Drafts.WithLinks("Go to https://evil.io/offer", new Uri("https://evil.io/offer"))));

        Assert.Equal(6, finding.Start);
    }

    [Theory]
    [InlineData("Broken: https:// oops")]
    [InlineData("Broken: https://exa..mple.com")]
    public void A_malformed_link_in_the_text_is_warned(string text)
    {
        PolicyFinding finding = Assert.Single(Domains(Drafts.Of(text)));

        Assert.Equal(FindingSeverity.Warn, finding.Severity);
        Assert.Contains("could not read", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://files.chorus.com/report.pdf")]
    [InlineData("javascript:alert(1)")]
    public void A_declared_link_that_is_not_a_web_address_is_warned(string link) =>
        Assert.Contains("could not read", Assert.Single(Domains(Drafts.WithLinks("See below", new Uri(link)))).Explanation, StringComparison.Ordinal);

    [Fact]
    public void Without_an_allow_list_any_site_passes() =>
        Assert.Empty(LinkCheck.Domains(new PolicyOptions()).Check(Drafts.Of("https://example.org and https://evil.io"), null));

    private static IEnumerable<PolicyFinding> Domains(PostDraft draft) => LinkCheck.Domains(Options).Check(draft, null);
}
