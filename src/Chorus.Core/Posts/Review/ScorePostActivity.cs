using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Durable;
using Chorus.Sentiment;

using Microsoft.DurableTask;

namespace Chorus.Posts.Review;

/// <summary>Scores the post's sentiment and keeps the result as <c>sentiment.json</c>.</summary>
public sealed class ScorePostActivity(ISentimentAnalyzer analyzer, IArtefactStore artefacts, PostAudit audit) : TaskActivity<PostSubmission, DocumentSentiment?>
{
    /// <inheritdoc/>
    public override async Task<DocumentSentiment?> RunAsync(TaskActivityContext context, PostSubmission post)
    {
        // An activity runs to its end or its process dies; the worker does not cancel it.
        CancellationToken cancellationToken = CancellationToken.None;
        SentimentBatchResult result = await analyzer.AnalyzeAsync([new SentimentDocument(post.PostId, post.Text)], cancellationToken).ConfigureAwait(false);
        DocumentSentiment sentiment = result.Documents[0];
        await artefacts.WriteOnceAsync(PostArtefacts.Sentiment(post.PostId), JsonSerializer.SerializeToUtf8Bytes(new { result.Analyzer, result.ModelVersion, Document = sentiment }, DurableJson.Options), "application/json", cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(post.PostId, "scored", "scored", new { result.Analyzer, sentiment.Label, sentiment.Error }, cancellationToken).ConfigureAwait(false);
        return sentiment.Error is null ? sentiment : null;
    }
}
