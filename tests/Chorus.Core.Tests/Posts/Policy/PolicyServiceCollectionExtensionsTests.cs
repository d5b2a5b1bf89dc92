using Chorus.Mentions.Topics;
using Chorus.Posts.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chorus.Core.Tests.Posts.Policy;

/// <summary><c>AddPostPolicy</c>: the <c>Posts:Policy</c> section, its start-up validation, and one check per rule.</summary>
public sealed class PolicyServiceCollectionExtensionsTests
{
    [Fact]
    public void Registers_one_check_per_rule_and_an_evaluator_that_runs_them()
    {
        IServiceCollection services = Register([]);
        PolicyOptions options = services.CreateOptions<PolicyOptions>();
        Dictionary<Type, object> dependencies = new() { [typeof(IOptions<PolicyOptions>)] = Options.Create(options) };
        dependencies[typeof(TopicExtractor)] = Assert.Single(services.CreateAll<TopicExtractor>(dependencies));

        List<IPolicyCheck> checks = services.CreateAll<IPolicyCheck>(dependencies);
        dependencies[typeof(IEnumerable<IPolicyCheck>)] = checks;
        dependencies[typeof(ILogger<PolicyEvaluator>)] = NullLogger<PolicyEvaluator>.Instance;
        PolicyEvaluator evaluator = Assert.Single(services.CreateAll<PolicyEvaluator>(dependencies));

        Assert.Equal(
            [PolicyRules.Disclosure, PolicyRules.BannedTerm, PolicyRules.ConfidentialTerm, PolicyRules.PersonalData, PolicyRules.LinkDomain, PolicyRules.LinkShortener, PolicyRules.Length, PolicyRules.NegativeSentiment, PolicyRules.RealityCheck],
            checks.Select(check => check.Rule));
        Assert.Equal(PolicyRules.Disclosure, Assert.Single(evaluator.Evaluate(Drafts.Of("Chorus is great")).Findings).Rule);
        Assert.Contains(services, d => d.ServiceType == typeof(IStartupValidator));
    }

    [Fact]
    public void Registering_twice_adds_nothing()
    {
        IServiceCollection services = Register([]);
        int count = services.Count;

        services.AddPostPolicy(new ConfigurationBuilder().Build());

        Assert.Equal(count, services.Count);
    }

    [Fact]
    public void Binds_the_section_and_configured_lists_replace_the_defaults()
    {
        PolicyOptions options = Register(new()
        {
            ["Posts:Policy:CompanyName"] = "Acme",
            ["Posts:Policy:ProductNames:0"] = "Rocket Skates",
            ["Posts:Policy:UrlShorteners:0"] = "go.acme.com",
            ["Posts:Policy:VagueDisclosureTags:0"] = "#partner",
            ["Posts:Policy:DisclosureSeverity"] = "Warn",
            ["Posts:Policy:BannedTerms:0"] = "darn",
            ["Posts:Policy:AllowedLinkDomains:0"] = "acme.com",
            ["Posts:Policy:MaxLengthOther"] = "1000",
            ["Posts:Policy:NegativeSentimentThreshold"] = "-0.3",
            ["Posts:Policy:RealityCheck:Window"] = "3.00:00:00",
            ["Posts:Policy:RealityCheck:MinMentions"] = "12",
            ["Posts:Policy:RealityCheck:Languages:0"] = "fr",
        }).CreateOptions<PolicyOptions>();

        Assert.Equal("Acme", options.CompanyName);
        Assert.Equal(["Rocket Skates"], options.ProductNames);
        Assert.Equal(["go.acme.com"], options.EffectiveUrlShorteners);
        Assert.Equal(["#partner"], options.EffectiveVagueDisclosureTags);
        Assert.Equal(["#ad", "#AcmeEmployee"], options.EffectiveDisclosureTags);
        Assert.Equal(FindingSeverity.Warn, options.DisclosureSeverity);
        Assert.Equal(["darn"], options.BannedTerms);
        Assert.Equal(["acme.com"], options.AllowedLinkDomains);
        Assert.Equal(1000, options.MaxLengthOther);
        Assert.Equal(-0.3, options.NegativeSentimentThreshold);
        Assert.Equal(TimeSpan.FromDays(3), options.RealityCheck.Window);
        Assert.Equal(12, options.RealityCheck.MinMentions);
        Assert.Equal(["fr"], options.RealityCheck.EffectiveLanguages);
        Assert.True(new PolicyOptions().RealityCheck is { Enabled: true, MinMentions: 5, EffectiveLanguages: ["en"] } && new PolicyOptions().RealityCheck.Window == TimeSpan.FromHours(48));
    }

    [Fact]
    public void A_bad_setting_stops_start_up_naming_it()
    {
        IServiceCollection services = Register(new()
        {
            ["Posts:Policy:DisclosureSeverity"] = "Info",
            ["Posts:Policy:AllowedLinkDomains:0"] = "https://chorus.com/jobs",
            ["Posts:Policy:RealityCheck:Window"] = "00:30:00",
            ["Posts:Policy:RealityCheck:MinMentions"] = "0",
            ["Posts:Policy:RealityCheck:Languages:0"] = "ja",
        });

        OptionsValidationException failure = Assert.Throws<OptionsValidationException>(services.CreateOptions<PolicyOptions>);

        Assert.Contains("Posts:Policy:DisclosureSeverity must be Warn or Block", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Posts:Policy:AllowedLinkDomains:0 must be a host name", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Posts:Policy:RealityCheck:Window must be between", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Posts:Policy:RealityCheck:MinMentions must be between 1", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Posts:Policy:RealityCheck:Languages:0 must be a language with a stemmer", failure.Message, StringComparison.Ordinal);
    }

    private static IServiceCollection Register(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddPostPolicy(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}
