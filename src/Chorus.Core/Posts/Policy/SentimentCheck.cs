using System.Globalization;
using Chorus.Sentiment;

namespace Chorus.Posts.Policy;

/// <summary>
/// Sends posts that read as negative to an approver. With a compound score (VADER's) the post is negative at or
/// below <see cref="PolicyOptions.NegativeSentimentThreshold"/>; without one (Azure AI Language) when labelled
/// Negative. A post that could not be scored gets no finding here: there is nothing to say about its tone.
/// </summary>
internal sealed class SentimentCheck(PolicyOptions options) : IPolicyCheck
{
    /// <summary>The score VADER reports its overall figure under.</summary>
    internal const string CompoundScore = "compound";

    public string Rule => PolicyRules.NegativeSentiment;

    public IEnumerable<PolicyFinding> Check(PostDraft draft, DocumentSentiment? sentiment)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (sentiment is null || sentiment.Error is not null)
        {
            return [];
        }

        bool hasCompound = sentiment.Scores.TryGetValue(CompoundScore, out double compound) && double.IsFinite(compound);
        bool negative = hasCompound ? compound <= options.NegativeSentimentThreshold : sentiment.Label == SentimentLabel.Negative;
        if (!negative)
        {
            return [];
        }

        string score = hasCompound
            ? string.Create(CultureInfo.InvariantCulture, $" (a score of {compound:0.00} on a scale from -1, very negative, to +1, very positive)")
            : string.Empty;
        string explanation = $"The tone of this post reads as negative{score}. That is allowed, but posts from staff are read as the "
            + "company's view, so negative ones get a human look before they go out. An approver will read it; you do not need to "
            + "change anything.";
        if (MostNegativeSentence(draft.Text, sentiment) is not { } sentence)
        {
            return [new PolicyFinding(Rule, FindingSeverity.Warn, explanation)];
        }

        return
        [
            new PolicyFinding(
                Rule,
                FindingSeverity.Warn,
                explanation + " The sentence that reads most negative is highlighted.",
                sentence.Offset,
                sentence.Length,
                draft.Text.Substring(sentence.Offset, sentence.Length)),
        ];
    }

    // Offsets come from the analyzer; one that does not fit the text is ignored rather than trusted.
    private static SentenceSentiment? MostNegativeSentence(string text, DocumentSentiment sentiment) =>
        sentiment.Sentences
            .Where(s => s.Label == SentimentLabel.Negative && s.Offset >= 0 && s.Length > 0 && s.Length <= text.Length - s.Offset)
            .OrderByDescending(s => s.Confidence.Negative)
            .FirstOrDefault();
}
