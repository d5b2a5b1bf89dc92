using Chorus.Posts;
using Chorus.Posts.Policy;
using Chorus.Sentiment;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chorus.Core.Tests.Posts.Policy;

/// <summary>The evaluator runs every check and orders what they found: most severe first, then in text order.</summary>
public sealed class PolicyEvaluatorTests
{
    [Fact]
    public void Orders_findings_by_severity_then_position()
    {
        PolicyEvaluator evaluator = Evaluator(
            new FixedCheck("a", new PolicyFinding("a", FindingSeverity.Info, "i", 0, 1), new PolicyFinding("a", FindingSeverity.Block, "b2", 9, 1)),
            new FixedCheck("b", new PolicyFinding("b", FindingSeverity.Warn, "w", 3, 1), new PolicyFinding("b", FindingSeverity.Block, "b1", 2, 1)),
            new FixedCheck("c", new PolicyFinding("c", FindingSeverity.Block, "b0")));

        PolicyReport report = evaluator.Evaluate(Drafts.Of("0123456789"));

        Assert.Equal(["b0", "b1", "b2", "w", "i"], report.Findings.Select(f => f.Explanation));
        Assert.Equal(FindingSeverity.Block, report.HighestSeverity);
        Assert.True(report.HasBlock);
        Assert.True(report.NeedsReview);
    }

    [Fact]
    public void A_clean_post_has_no_findings()
    {
        PolicyReport report = Evaluator().Evaluate(Drafts.Of("hello"));

        Assert.Empty(report.Findings);
        Assert.Null(report.HighestSeverity);
        Assert.False(report.HasBlock);
        Assert.False(report.NeedsReview);
    }

    [Fact]
    public void Advice_alone_needs_no_review()
    {
        PolicyReport report = Evaluator(new FixedCheck("a", new PolicyFinding("a", FindingSeverity.Info, "i"))).Evaluate(Drafts.Of("x"));

        Assert.Equal(FindingSeverity.Info, report.HighestSeverity);
        Assert.False(report.HasBlock);
        Assert.False(report.NeedsReview);
    }

    [Fact]
    public void A_failing_check_sends_the_post_to_a_person_and_the_others_still_run()
    {
        PolicyReport report = Evaluator(new FailingCheck(), new FixedCheck("ok", new PolicyFinding("ok", FindingSeverity.Info, "i"))).Evaluate(Drafts.Of("x"));

        Assert.Equal(["failing", "ok"], report.Findings.Select(f => f.Rule));
        Assert.Equal(FindingSeverity.Warn, report.Findings[0].Severity);
        Assert.DoesNotContain("boom", report.Findings[0].Explanation, StringComparison.Ordinal);
        Assert.True(report.NeedsReview);
    }

    [Fact]
    public void The_real_checks_together_explain_a_problem_post()
    {
        PolicyOptions options = new() { BannedTerms = ["damn"], ConfidentialTerms = ["Projet Zèbre"], AllowedLinkDomains = ["chorus.com"] };
        PolicyEvaluator evaluator = Evaluator(
            new DisclosureCheck(options),
            TermsCheck.Banned(options),
            TermsCheck.Confidential(options),
            new PersonalDataCheck(),
            LinkCheck.Domains(options),
            LinkCheck.Shorteners(options),
            new LengthCheck(options),
            new SentimentCheck(options));
        const string text = "#spon Chorus's PROJET ZEBRE is damn slow. Call +44 20 7946 0958 or see bit.ly/x and https://evil.io";
        DocumentSentiment sentiment = new("1") { Label = SentimentLabel.Negative, Scores = new Dictionary<string, double> { ["compound"] = -0.6 } };

        PolicyReport report = evaluator.Evaluate(new PostDraft(text, [Channel.X], []), sentiment);

        Assert.Equal(
            [PolicyRules.Disclosure, PolicyRules.ConfidentialTerm, PolicyRules.BannedTerm, PolicyRules.PersonalData, PolicyRules.NegativeSentiment, PolicyRules.LinkShortener, PolicyRules.LinkDomain],
            report.Findings.Select(f => f.Rule));
        Assert.All(report.Findings.Where(f => f.Start >= 0), f => Assert.Equal(text.Substring(f.Start, f.Length), f.Matched));
        Assert.True(report.HasBlock);
        Assert.True(report.NeedsReview);
    }

    private static PolicyEvaluator Evaluator(params IPolicyCheck[] checks) => new(checks, NullLogger<PolicyEvaluator>.Instance);

    private sealed class FixedCheck(string rule, params PolicyFinding[] findings) : IPolicyCheck
    {
        public string Rule => rule;

        public IEnumerable<PolicyFinding> Check(PostDraft draft, DocumentSentiment? sentiment) => findings;
    }

    private sealed class FailingCheck : IPolicyCheck
    {
        public string Rule => "failing";

        public IEnumerable<PolicyFinding> Check(PostDraft draft, DocumentSentiment? sentiment)
        {
            yield return new PolicyFinding(Rule, FindingSeverity.Block, "half-way");
            throw new InvalidOperationException("boom");
        }
    }
}
