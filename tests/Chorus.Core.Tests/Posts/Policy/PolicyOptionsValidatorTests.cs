using Chorus.Posts.Policy;

namespace Chorus.Core.Tests.Posts.Policy;

/// <summary>Every bad setting is reported with a message naming its configuration key.</summary>
public sealed class PolicyOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(PolicyOptionsValidator.Check(new PolicyOptions()));

    [Fact]
    public void The_defaults_are_useful_out_of_the_box()
    {
        PolicyOptions options = new();

        Assert.Equal(["#ad", "#ChorusEmployee"], options.EffectiveDisclosureTags);
        Assert.Equal(["#ee", "#spon", "#sp", "#collab"], options.EffectiveVagueDisclosureTags);
        Assert.Contains("bit.ly", options.EffectiveUrlShorteners);
        Assert.Contains("lnkd.in", options.EffectiveUrlShorteners);
        Assert.Equal(10, options.EffectiveUrlShorteners.Count);
        Assert.Equal(FindingSeverity.Block, options.DisclosureSeverity);
        Assert.Equal(5_000, options.MaxLengthOther);
        Assert.Equal(-0.05, options.NegativeSentimentThreshold);
    }

    public static TheoryData<PolicyOptions, string> Invalid => new()
    {
        { new PolicyOptions { CompanyName = " " }, "Posts:Policy:CompanyName must contain letters or digits" },
        { new PolicyOptions { CompanyName = "!!!" }, "Posts:Policy:CompanyName must contain letters or digits" },
        { new PolicyOptions { ProductNames = ["Harmony", string.Empty] }, "Posts:Policy:ProductNames:1 must be a product name" },
        { new PolicyOptions { BannedTerms = ["  "] }, "Posts:Policy:BannedTerms:0 must be a word or phrase" },
        { new PolicyOptions { ConfidentialTerms = ["-"] }, "Posts:Policy:ConfidentialTerms:0 must be an internal name" },
        { new PolicyOptions { DisclosureTags = ["ad"] }, "Posts:Policy:DisclosureTags:0 must be a hashtag such as '#ad'" },
        { new PolicyOptions { DisclosureTags = ["#paid ad"] }, "Posts:Policy:DisclosureTags:0 must be a hashtag" },
        { new PolicyOptions { VagueDisclosureTags = ["#"] }, "Posts:Policy:VagueDisclosureTags:0 must be a hashtag" },
        { new PolicyOptions { DisclosureTags = [] }, "Posts:Policy:DisclosureTags is empty, so no post that mentions the company could ever pass" },
        { new PolicyOptions { VagueDisclosureTags = ["#AD"] }, "'#AD' is in both Posts:Policy:DisclosureTags and Posts:Policy:VagueDisclosureTags" },
        { new PolicyOptions { DisclosureSeverity = FindingSeverity.Info }, "Posts:Policy:DisclosureSeverity must be Warn or Block (got 'Info')" },
        { new PolicyOptions { DisclosureSeverity = (FindingSeverity)7 }, "Posts:Policy:DisclosureSeverity must be Warn or Block (got '7')" },
        { new PolicyOptions { AllowedLinkDomains = ["https://chorus.com/"] }, "Posts:Policy:AllowedLinkDomains:0 must be a host name such as 'chorus.com'" },
        { new PolicyOptions { UrlShorteners = ["bit.ly", "bit ly"] }, "Posts:Policy:UrlShorteners:1 must be a host name" },
        { new PolicyOptions { MaxLengthOther = 0 }, "Posts:Policy:MaxLengthOther must be at least 1 character (got 0)" },
        { new PolicyOptions { NegativeSentimentThreshold = -1.5 }, "Posts:Policy:NegativeSentimentThreshold must be between -1 and 1" },
        { new PolicyOptions { NegativeSentimentThreshold = double.NaN }, "Posts:Policy:NegativeSentimentThreshold must be between -1 and 1" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void A_bad_setting_is_named_in_the_message(PolicyOptions options, string message) =>
        Assert.StartsWith(message, Assert.Single(PolicyOptionsValidator.Check(options)), StringComparison.Ordinal);

    [Fact]
    public void An_empty_tag_list_is_fine_when_disclosure_is_not_required() =>
        Assert.Empty(PolicyOptionsValidator.Check(new PolicyOptions { DisclosureTags = [], DisclosureRequired = false }));

    [Fact]
    public void Every_problem_is_reported_at_once() =>
        Assert.Equal(3, PolicyOptionsValidator.Check(new PolicyOptions { CompanyName = string.Empty, MaxLengthOther = -1, AllowedLinkDomains = ["a b"] }).Count());
}
