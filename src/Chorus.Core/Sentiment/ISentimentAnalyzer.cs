namespace Chorus.Sentiment;

/// <summary>
/// Scores texts. A document the analyzer cannot score gets a per-document <see cref="DocumentError"/>; one bad
/// document never fails the rest of the batch.
/// </summary>
public interface ISentimentAnalyzer
{
    /// <summary>Scores a batch and returns one result per document, in input order.</summary>
    Task<SentimentBatchResult> AnalyzeAsync(IReadOnlyList<SentimentDocument> documents, CancellationToken cancellationToken = default);
}
