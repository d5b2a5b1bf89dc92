using System.Diagnostics;
using System.Text;
using Chorus.Posts;
using Chorus.Posts.Policy;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chorus.Core.Tests.Posts.Policy;

/// <summary>Post text is untrusted: a megabyte of hostile patterns finishes promptly, and malformed UTF-16 never throws.</summary>
public sealed class UntrustedInputTests
{
    private const int Megabyte = 1 << 20;

    public static TheoryData<string> Patterns => new()
    {
        "a",
        "projet zèbre ",
        "a@",
        "a.",
        "1 ",
        "1-",
        "+1",
        "((1",
        "https://",
        "https://a.com/(",
        "bit.ly/x ",
        "#spon ",
        "GB82 ",
        "DE89 3704 0044 0532 0130 00 ",
        "4111 1111 1111 1111 ",
        "e\u0301",
        "\U0001F468\u200D",
        "漢字",
        "@a@b.c ",
        "\uD800",
        "\u200B",
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void A_megabyte_of_a_hostile_pattern_is_checked_promptly(string pattern)
    {
        string text = Repeat(pattern, Megabyte);
        Stopwatch stopwatch = Stopwatch.StartNew();

        PolicyReport report = Evaluator().Evaluate(new PostDraft(text, [Channel.X, Channel.Bluesky, Channel.Mastodon, Channel.LinkedIn, Channel.Other], []));

        stopwatch.Stop();
        Assert.DoesNotContain(report.Findings, f => f.Explanation.StartsWith("This check could not be run", StringComparison.Ordinal));
        Assert.All(report.Findings.GroupBy(f => f.Rule), rule => Assert.InRange(rule.Count(), 1, PolicyRules.MaxFindingsPerRule));
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
    }

    // The case names keep the cases apart: xUnit would otherwise give "\uD800" and "\uDC00" one id (both print as U+FFFD)
    // and silently run only the first.
    [Theory]
    [InlineData("high surrogate alone", "\uD800")]
    [InlineData("low surrogate alone", "\uDC00")]
    [InlineData("halves apart", "Chorus \uD83D rocks \uDE00 #ad")]
    [InlineData("lone halves in a term, a link and an address", "projet z\uD800èbre https://chorus.com/\uDC00 ana@chorus.com\uD800")]
    [InlineData("halves in the wrong order", "\uDBFF\uDBFF\uDFFF\uDFFF")]
    [InlineData("empty", "")]
    public void Lone_surrogates_and_empty_text_never_throw(string @case, string text)
    {
        Assert.NotNull(@case);
        PolicyReport report = Evaluator().Evaluate(new PostDraft(text, [Channel.X, Channel.Bluesky, Channel.Mastodon, Channel.LinkedIn, Channel.Other], []));

        Assert.DoesNotContain(report.Findings, f => f.Explanation.StartsWith("This check could not be run", StringComparison.Ordinal));
        Assert.All(report.Findings.Where(f => f.Start >= 0), f => Assert.Equal(text.Substring(f.Start, f.Length), f.Matched));
    }

    private static string Repeat(string pattern, int length)
    {
        StringBuilder builder = new(length + pattern.Length);
        while (builder.Length < length)
        {
            builder.Append(pattern);
        }

        return builder.ToString();
    }

    private static PolicyEvaluator Evaluator()
    {
        PolicyOptions options = new()
        {
            BannedTerms = ["ass", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"],
            ConfidentialTerms = ["Projet Zèbre"],
            AllowedLinkDomains = ["chorus.com"],
        };
        return new PolicyEvaluator(
            [
                new DisclosureCheck(options),
                TermsCheck.Banned(options),
                TermsCheck.Confidential(options),
                new PersonalDataCheck(),
                LinkCheck.Domains(options),
                LinkCheck.Shorteners(options),
                new LengthCheck(options),
                new SentimentCheck(options),
            ],
            NullLogger<PolicyEvaluator>.Instance);
    }
}
