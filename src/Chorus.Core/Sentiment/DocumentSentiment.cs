namespace Chorus.Sentiment;

/// <summary>
/// The result for one document: either a sentiment or an error, never both. <see cref="Scores"/> carries the
/// analyzer's own figures (VADER: neg, neu, pos, compound) so users can tune thresholds on them.
/// </summary>
public sealed record DocumentSentiment(string Id)
{
    /// <summary>Gets the overall label; null when <see cref="Error"/> is set.</summary>
    public SentimentLabel? Label { get; init; }

    /// <summary>Gets the confidence per label; null when <see cref="Error"/> is set.</summary>
    public SentimentConfidence? Confidence { get; init; }

    /// <summary>Gets the per-sentence results.</summary>
    public IReadOnlyList<SentenceSentiment> Sentences { get; init; } = [];

    /// <summary>Gets the analyzer's own figures, by name.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = new Dictionary<string, double>();

    /// <summary>Gets warnings the analyzer gave for this document.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Gets the reason this document could not be scored, if it could not.</summary>
    public DocumentError? Error { get; init; }
}

/// <summary>Why a document could not be scored. Codes follow Azure AI Language where one fits (InvalidDocument, UnsupportedLanguageCode, ...).</summary>
public sealed record DocumentError(string Code, string Message);
