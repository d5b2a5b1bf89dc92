using System.Globalization;
using Chorus.Posts.Policy;
using Chorus.Sentiment;

namespace Chorus.Mentions.Triage;

/// <summary>
/// Classifies a scored mention by the configured rules: negative enough, urgent terms (matched by stem in the mention's
/// language, see <see cref="TriageTerms"/>), or a wide reach.
/// </summary>
public static class MentionClassifier
{
    /// <summary>Whether the mention needs a person, and why: negative sentiment, an urgent term, or a large reach.</summary>
    public static MentionClassification Classify(Mention mention, DocumentSentiment? sentiment, TriageOptions options)
    {
        ArgumentNullException.ThrowIfNull(mention);
        ArgumentNullException.ThrowIfNull(options);
        List<string> reasons = [];
        double? score = SentimentScore(sentiment);
        if (score <= options.NegativeThreshold)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"Negative sentiment ({score:0.###}, threshold {options.NegativeThreshold:0.###})."));
        }

        FoldedText text = FoldedText.Fold(mention.Text);
        LanguageTerms terms = TriageTerms.For(options, mention.Language);
        if (terms.Urgent.First(text) is { } urgent)
        {
            // Terms match other forms of their words: say which form, so the reader sees why "cancel" matched.
            string written = mention.Text.Substring(urgent.Range.Start, urgent.Range.Length);
            reasons.Add(TermMatcher.Fold(written) == TermMatcher.Fold(urgent.Term)
                ? $"Mentions \u201c{urgent.Term}\u201d."
                : $"Mentions \u201c{urgent.Term}\u201d (as \u201c{written}\u201d).");
        }

        if (mention.AuthorReach >= options.ReachThreshold)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"The author reaches {mention.AuthorReach:N0} people (threshold {options.ReachThreshold:N0})."));
        }

        if (reasons.Count == 0)
        {
            return new MentionClassification(false, [], null);
        }

        TriageTeamOptions? team = options.Teams.Where((t, i) =>
            (t.Sources.Count > 0 || t.Terms.Count > 0)
            && (t.Sources.Count == 0 || t.Sources.Contains(mention.Source, StringComparer.OrdinalIgnoreCase))
            && (t.Terms.Count == 0 || terms.Teams[i].First(text) is not null))
            .FirstOrDefault()
            ?? options.Teams.LastOrDefault();
        return new MentionClassification(true, reasons, team is null ? null : new TriageTeam(team.Name, [.. team.Recipients], [.. team.Backups]));
    }

    /// <summary>One number for "how negative": VADER's compound when present, else positive minus negative confidence.</summary>
    public static double? SentimentScore(DocumentSentiment? sentiment)
        => sentiment?.Scores.TryGetValue("compound", out double compound) == true ? compound
            : sentiment?.Confidence is { } c ? c.Positive - c.Negative : null;
}
