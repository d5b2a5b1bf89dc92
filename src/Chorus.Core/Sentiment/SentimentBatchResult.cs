namespace Chorus.Sentiment;

/// <summary>A batch's results, one per document in input order, with the analyzer that produced them.</summary>
public sealed record SentimentBatchResult(string Analyzer, string ModelVersion, IReadOnlyList<DocumentSentiment> Documents);
