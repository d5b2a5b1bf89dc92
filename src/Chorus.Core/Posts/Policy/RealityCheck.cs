using System.Globalization;
using Chorus.Mentions.Topics;
using Chorus.Sentiment;

namespace Chorus.Posts.Policy;

/// <summary>
/// Sends a post to an approver when it praises a topic customers have been complaining about: at least
/// <see cref="RealityCheckOptions.MinMentions"/> negative mentions in the window share a topic with a sentence of the
/// post that reads positive. The finding tells the author how many, about what, and links up to three of them. The
/// complaints are looked up before the checks run (<see cref="ComplaintLookup"/>); a draft without them gets nothing.
/// </summary>
internal sealed class RealityCheck(TopicExtractor extractor, RealityCheckOptions options) : IPolicyCheck
{
    /// <summary>At most this many topics are reported: more would bury the point under the same complaint in other words.</summary>
    internal const int MaxFindings = 3;

    public string Rule => PolicyRules.RealityCheck;

    public IEnumerable<PolicyFinding> Check(PostDraft draft, DocumentSentiment? sentiment)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!options.Enabled || draft.Complaints is not { } complaints)
        {
            return [];
        }

        if (complaints.Unavailable)
        {
            return
            [
                new PolicyFinding(
                    Rule,
                    FindingSeverity.Warn,
                    "Chorus could not look up what customers have said lately about the topics of this post, so an approver will read it instead. You do not need to do anything."),
            ];
        }

        List<PolicyFinding> findings = [];
        HashSet<string> reportedStems = new(StringComparer.Ordinal);
        IEnumerable<(Topic First, TopicTally Tally)> candidates = Praised(extractor, options, draft.Text, sentiment)
            .GroupBy(topic => topic.Key, StringComparer.Ordinal)
            .Select(group => (First: group.First(), Tally: complaints.Topics.GetValueOrDefault(group.Key)))
            .Where(candidate => candidate.Tally is { } tally && tally.Count >= options.MinMentions)
            .Select(candidate => (candidate.First, candidate.Tally!))
            .OrderByDescending(candidate => candidate.Item2.Count)
            .ThenByDescending(candidate => candidate.First.IsPhrase)
            .ThenBy(candidate => candidate.First.Start);
        foreach ((Topic topic, TopicTally tally) in candidates)
        {
            // "invoice export" and "invoice" are one complaint told twice: the topic with more mentions speaks for both.
            string[] stems = Stems(topic.Key);
            if (stems.Any(reportedStems.Contains))
            {
                continue;
            }

            reportedStems.UnionWith(stems);
            findings.Add(Finding(topic, tally, complaints.Window));
            if (findings.Count == MaxFindings)
            {
                break;
            }
        }

        return findings;
    }

    /// <summary>
    /// The occurrences of the post's topics, in each language posts are read in, that sit in a sentence reading positive;
    /// when the analyzer gives no sentences, every topic of a post whose overall label is positive.
    /// </summary>
    internal static IEnumerable<Topic> Praised(TopicExtractor extractor, RealityCheckOptions options, string text, DocumentSentiment? sentiment)
    {
        if (sentiment is null || sentiment.Error is not null)
        {
            return [];
        }

        // Offsets come from the analyzer; one that does not fit the text is ignored rather than trusted.
        List<TextRange> positive = [.. sentiment.Sentences
            .Where(s => s.Label == SentimentLabel.Positive && s.Offset >= 0 && s.Length > 0 && s.Length <= text.Length - s.Offset)
            .Select(s => new TextRange(s.Offset, s.Length))];
        bool wholePost = sentiment.Sentences.Count == 0 && sentiment.Label == SentimentLabel.Positive;
        if (positive.Count == 0 && !wholePost)
        {
            return [];
        }

        return options.EffectiveLanguages
            .SelectMany(language => extractor.Extract(text, language))
            .Where(topic => wholePost || positive.Any(sentence => sentence.Overlaps(new TextRange(topic.Start, topic.Length))));
    }

    private static string[] Stems(string key) => key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(' ');

    private PolicyFinding Finding(Topic topic, TopicTally tally, TimeSpan window)
    {
        string examples = string.Join(", ", tally.Examples.Take(TopicTally.MaxExamples).Select(example => example.Link));
        string count = Wording.Number(tally.Count);
        string explanation = $"{count} customer complaints about {topic.Written} in the last {Duration(window)} (negative mentions); "
            + $"a post praising {topic.Written} may land badly. "
            + (examples.Length > 0 ? $"Read what they said: {examples}. " : string.Empty)
            + "An approver will look at the post first; consider acknowledging the problem, or waiting until it is fixed.";
        return new PolicyFinding(Rule, FindingSeverity.Warn, explanation, topic.Start, topic.Length, topic.Written);
    }

    /// <summary>The window as a person says it: "48 hours", "7 days", "90 minutes".</summary>
    internal static string Duration(TimeSpan window)
    {
        if (window.TotalHours >= 72 && window.TotalDays == Math.Floor(window.TotalDays))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{window.TotalDays:0} days");
        }

        if (window.TotalHours == Math.Floor(window.TotalHours))
        {
            return window.TotalHours == 1 ? "hour" : string.Create(CultureInfo.InvariantCulture, $"{window.TotalHours:0} hours");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Math.Round(window.TotalMinutes):0} minutes");
    }
}
