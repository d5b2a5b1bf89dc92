using Chorus.Sentiment;

namespace Chorus.Posts.Policy;

/// <summary>
/// A post that mentions the employer or its products must say the author works there, with a tag readers
/// understand ("#ad", "#ChorusEmployee"). Missing or vague ("#spon") disclosure gets
/// <see cref="PolicyOptions.DisclosureSeverity"/> (Block by default); a disclosure buried late in the post gets advice.
/// </summary>
internal sealed class DisclosureCheck : IPolicyCheck
{
    /// <summary>
    /// Where a disclosure stops counting as up front. Feeds fold long posts behind "see more" after a couple of
    /// lines, and a reader must see the disclosure before the endorsement, not after it.
    /// </summary>
    internal const int ProminentPrefixLength = 140;

    private const string Law =
        "in the US, the FTC's Endorsement Guides (16 CFR Part 255) treat an employee speaking well of their employer as an "
        + "endorsement with a connection readers would not expect, which must be disclosed whether or not you are paid, and the "
        + "FTC's rule on consumer reviews and testimonials (16 CFR Part 465) bans undisclosed testimonials by employees. In the UK, "
        + "the CAP Code, enforced by the ASA, requires marketing to be obviously identifiable, for example with \"Ad\" up front.";

    private readonly PolicyOptions _options;
    private readonly TermMatcher _mentions;
    private readonly TermMatcher _accepted;
    private readonly TermMatcher _vague;
    private readonly string _acceptedTags;

    public DisclosureCheck(PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _mentions = new TermMatcher([options.CompanyName, .. options.ProductNames]);
        IReadOnlyList<string> tags = options.EffectiveDisclosureTags;
        _accepted = new TermMatcher(tags);
        _vague = new TermMatcher(options.EffectiveVagueDisclosureTags);
        _acceptedTags = Wording.OneOf(tags);
    }

    public string Rule => PolicyRules.Disclosure;

    public IEnumerable<PolicyFinding> Check(PostDraft draft, DocumentSentiment? sentiment)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!_options.DisclosureRequired)
        {
            return [];
        }

        FoldedText text = FoldedText.Fold(draft.Text);
        if (_mentions.First(text) is not { } mention)
        {
            // Nothing about the employer, so nothing to disclose.
            return [];
        }

        if (_accepted.First(text) is { } disclosure)
        {
            return disclosure.Range.Start < ProminentPrefixLength ? [] : [Late(draft.Text, disclosure)];
        }

        List<PolicyFinding> findings = [.. _vague.Matches(text).Take(PolicyRules.MaxFindingsPerRule).Select(match => Vague(draft.Text, match))];
        if (findings.Count == 0)
        {
            findings.Add(Missing(draft.Text, mention));
        }

        return findings;
    }

    private PolicyFinding Missing(string text, TermMatch mention) => new(
        Rule,
        _options.DisclosureSeverity,
        $"This post mentions \"{Slice(text, mention.Range)}\", and you work for {_options.CompanyName}, so readers need to be told. "
        + $"Add {_acceptedTags} to the post, near the start. Why: {Law}");

    private PolicyFinding Vague(string text, TermMatch tag)
    {
        string matched = Slice(text, tag.Range);
        return new(
            Rule,
            _options.DisclosureSeverity,
            $"\"{matched}\" does not tell readers that you work for {_options.CompanyName}: the FTC names tags such as \"#spon\" and "
            + $"\"#ee\" as too vague, because most readers do not know what they mean. Use {_acceptedTags} instead, near the start "
            + $"of the post. Why: {Law}",
            tag.Range.Start,
            tag.Range.Length,
            matched);
    }

    private PolicyFinding Late(string text, TermMatch tag)
    {
        string matched = Slice(text, tag.Range);
        return new(
            Rule,
            FindingSeverity.Info,
            $"Thank you for disclosing with \"{matched}\". It comes late in the post, though: readers should see it before they read "
            + "what you say about the company, and feeds hide the end of long posts behind \"see more\". Consider moving it to the "
            + "start (the UK's ASA expects \"Ad\" up front, and the FTC says a disclosure should be hard to miss).",
            tag.Range.Start,
            tag.Range.Length,
            matched);
    }

    private static string Slice(string text, TextRange range) => text.Substring(range.Start, range.Length);
}
