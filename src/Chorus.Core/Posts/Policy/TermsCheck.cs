using Chorus.Sentiment;

namespace Chorus.Posts.Policy;

/// <summary>
/// Blocks posts containing a configured term, as a whole word and ignoring case and accents. One instance checks
/// <see cref="PolicyOptions.BannedTerms"/> (rule <see cref="PolicyRules.BannedTerm"/>), another
/// <see cref="PolicyOptions.ConfidentialTerms"/> (rule <see cref="PolicyRules.ConfidentialTerm"/>): the same
/// matching, different lists and different reasons to give the author.
/// </summary>
internal sealed class TermsCheck : IPolicyCheck
{
    private readonly TermMatcher _terms;
    private readonly Func<string, string> _explain;

    private TermsCheck(string rule, IEnumerable<string> terms, Func<string, string> explain)
    {
        Rule = rule;
        _terms = new TermMatcher(terms);
        _explain = explain;
    }

    public string Rule { get; }

    /// <summary>Creates the check for <see cref="PolicyOptions.BannedTerms"/>.</summary>
    public static TermsCheck Banned(PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TermsCheck(
            PolicyRules.BannedTerm,
            options.BannedTerms,
            matched => $"\"{matched}\" is on {options.CompanyName}'s list of words and phrases staff posts must not use. Posts from "
                + $"staff are read as coming from {options.CompanyName}, so please rephrase without it. If you think it was caught "
                + "by mistake (it is matched as a whole word, ignoring case and accents), say so when you resubmit.");
    }

    /// <summary>Creates the check for <see cref="PolicyOptions.ConfidentialTerms"/>.</summary>
    public static TermsCheck Confidential(PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TermsCheck(
            PolicyRules.ConfidentialTerm,
            options.ConfidentialTerms,
            matched => $"\"{matched}\" is an internal name at {options.CompanyName} (such as the code name of work not announced "
                + "yet) and must not appear in public: it can reveal plans early or tell competitors what we are working on. Remove "
                + "it, or describe the work the way it has been announced publicly.");
    }

    public IEnumerable<PolicyFinding> Check(PostDraft draft, DocumentSentiment? sentiment)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (_terms.IsEmpty)
        {
            return [];
        }

        return _terms.Matches(FoldedText.Fold(draft.Text))
            .Take(PolicyRules.MaxFindingsPerRule)
            .Select(match =>
            {
                string matched = draft.Text.Substring(match.Range.Start, match.Range.Length);
                return new PolicyFinding(Rule, FindingSeverity.Block, _explain(matched), match.Range.Start, match.Range.Length, matched);
            })
            .ToList();
    }
}
