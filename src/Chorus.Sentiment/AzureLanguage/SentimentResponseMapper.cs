using System.Globalization;
using System.Text.RegularExpressions;

namespace Chorus.Sentiment.AzureLanguage;

/// <summary>Turns the service's per-document results and errors into the sentiment port's records.</summary>
internal static partial class SentimentResponseMapper
{
    /// <summary>Maps one scored document; a result missing its label or scores becomes a ServiceError for that document only.</summary>
    public static DocumentSentiment Map(string id, WireDocumentSentiment document)
    {
        SentimentLabel? label = ParseLabel(document.Sentiment);
        if (label is null || document.ConfidenceScores is null)
        {
            return Malformed(id, $"the document has sentiment '{document.Sentiment}' and {(document.ConfidenceScores is null ? "no" : "some")} confidenceScores");
        }

        var warnings = new List<string>();
        foreach (WireWarning warning in document.Warnings ?? [])
        {
            warnings.Add($"{warning.Code}: {warning.Message}");
        }

        IReadOnlyList<WireSentence> wireSentences = document.Sentences ?? [];
        var sentences = new List<SentenceSentiment>(wireSentences.Count);
        for (int i = 0; i < wireSentences.Count; i++)
        {
            WireSentence sentence = wireSentences[i];
            SentimentLabel? sentenceLabel = ParseLabel(sentence.Sentiment);
            if (sentenceLabel is null || sentence.ConfidenceScores is null)
            {
                return Malformed(id, $"sentence {i} has sentiment '{sentence.Sentiment}' and {(sentence.ConfidenceScores is null ? "no" : "some")} confidenceScores");
            }

            sentences.Add(new SentenceSentiment(
                sentence.Text ?? string.Empty,
                sentence.Offset,
                sentence.Length,
                sentenceLabel.Value,
                ToConfidence(sentence.ConfidenceScores),
                MapOpinions(sentence, wireSentences, warnings)));
        }

        WireConfidenceScores scores = document.ConfidenceScores;
        return new DocumentSentiment(id)
        {
            Label = label,
            Confidence = ToConfidence(scores),
            Sentences = sentences,
            Scores = new Dictionary<string, double>
            {
                ["positive"] = scores.Positive,
                ["neutral"] = scores.Neutral,
                ["negative"] = scores.Negative,
            },
            Warnings = warnings,
        };
    }

    /// <summary>
    /// Maps an entry of <c>results.errors</c>. The inner error is the specific one (InvalidArgument wraps
    /// UnsupportedLanguageCode, InvalidDocument, ...), as Azure.AI.TextAnalytics also reports it.
    /// </summary>
    public static DocumentError MapError(WireError? error)
    {
        WireError? specific = error?.InnerError ?? error;
        string code = NonEmpty(specific?.Code) ?? NonEmpty(error?.Code) ?? AzureLanguageErrorCodes.ServiceError;
        string message = NonEmpty(specific?.Message) ?? NonEmpty(error?.Message) ?? "Azure AI Language reported an error for this document without a message.";
        return new DocumentError(code, message);
    }

    /// <summary>Parses a label case-insensitively; null for anything the port has no label for.</summary>
    public static SentimentLabel? ParseLabel(string? value) => value?.ToUpperInvariant() switch
    {
        "POSITIVE" => SentimentLabel.Positive,
        "NEUTRAL" => SentimentLabel.Neutral,
        "NEGATIVE" => SentimentLabel.Negative,
        "MIXED" => SentimentLabel.Mixed,
        _ => null,
    };

    private static List<SentenceOpinion> MapOpinions(WireSentence sentence, IReadOnlyList<WireSentence> documentSentences, List<string> warnings)
    {
        var opinions = new List<SentenceOpinion>();
        foreach (WireTarget target in sentence.Targets ?? [])
        {
            SentimentLabel? targetLabel = ParseLabel(target.Sentiment);
            if (targetLabel is null)
            {
                // An opinion is detail under a sentence that did score; losing one should not lose the document.
                warnings.Add($"OpinionSkipped: target '{target.Text}' has unrecognised sentiment '{target.Sentiment}'.");
                continue;
            }

            var assessments = new List<OpinionAssessment>();
            foreach (WireRelation relation in target.Relations ?? [])
            {
                if (!string.Equals(relation.RelationType, "assessment", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                WireAssessment? assessment = ResolveAssessment(relation.Ref, documentSentences);
                SentimentLabel? assessmentLabel = ParseLabel(assessment?.Sentiment);
                if (assessment is null || assessmentLabel is null)
                {
                    warnings.Add($"OpinionAssessmentSkipped: target '{target.Text}' refers to '{relation.Ref}', which does not resolve to a usable assessment.");
                    continue;
                }

                assessments.Add(new OpinionAssessment(
                    assessment.Text ?? string.Empty,
                    assessment.Offset,
                    assessment.Length,
                    assessmentLabel.Value,
                    assessment.ConfidenceScores?.Positive ?? 0,
                    assessment.ConfidenceScores?.Negative ?? 0,
                    assessment.IsNegated));
            }

            opinions.Add(new SentenceOpinion(
                new OpinionTarget(
                    target.Text ?? string.Empty,
                    target.Offset,
                    target.Length,
                    targetLabel.Value,
                    target.ConfidenceScores?.Positive ?? 0,
                    target.ConfidenceScores?.Negative ?? 0),
                assessments));
        }

        return opinions;
    }

    /// <summary>
    /// Resolves <c>#/documents/{d}/sentences/{s}/assessments/{a}</c> within the current document. The document
    /// index is ignored on purpose: a relation never crosses documents, and the service has numbered documents
    /// wrongly from the sixth on (azure-sdk-for-js "service has a bug when referencing assessments in doc #6 or
    /// greater"); Azure.AI.TextAnalytics resolves it the same way.
    /// </summary>
    private static WireAssessment? ResolveAssessment(string? reference, IReadOnlyList<WireSentence> documentSentences)
    {
        Match match = reference is null ? Match.Empty : AssessmentReference().Match(reference);
        if (!match.Success
            || !int.TryParse(match.Groups["sentence"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int sentenceIndex)
            || !int.TryParse(match.Groups["assessment"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int assessmentIndex)
            || sentenceIndex >= documentSentences.Count)
        {
            return null;
        }

        IReadOnlyList<WireAssessment>? assessments = documentSentences[sentenceIndex].Assessments;
        return assessments is not null && assessmentIndex < assessments.Count ? assessments[assessmentIndex] : null;
    }

    private static SentimentConfidence ToConfidence(WireConfidenceScores scores) =>
        new(scores.Positive, scores.Neutral, scores.Negative);

    private static DocumentSentiment Malformed(string id, string detail) =>
        new(id) { Error = new DocumentError(AzureLanguageErrorCodes.ServiceError, $"Azure AI Language returned a malformed result for this document: {detail}.") };

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    [GeneratedRegex(@"/documents/\d+/sentences/(?<sentence>\d+)/assessments/(?<assessment>\d+)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AssessmentReference();
}
