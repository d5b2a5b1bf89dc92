namespace Chorus.Sentiment.AzureLanguage;

/// <summary>
/// Packs documents, in input order, into requests the service will accept: at most <c>maxDocuments</c> each,
/// a body of at most <c>maxBytes</c>, and no id twice (the service rejects a whole request with duplicate ids,
/// and results are matched back by id).
/// </summary>
internal static class BatchPlanner
{
    /// <summary>Splits <paramref name="documents"/> into batches; every payload must fit alone (checked by the caller).</summary>
    public static IReadOnlyList<IReadOnlyList<PreparedDocument>> Plan(
        IReadOnlyList<PreparedDocument> documents, int maxDocuments, long maxBytes, int envelopeLength)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDocuments, 1);

        var batches = new List<IReadOnlyList<PreparedDocument>>();
        var current = new List<PreparedDocument>(maxDocuments);
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long payloadBytes = 0;

        foreach (PreparedDocument document in documents)
        {
            long withDocument = AnalyzeTextRequestBody.BodyLength(envelopeLength, current.Count + 1, payloadBytes + document.Payload.Length);
            bool full = current.Count == maxDocuments || withDocument > maxBytes || ids.Contains(document.Id);
            if (full && current.Count > 0)
            {
                batches.Add(current);
                current = new List<PreparedDocument>(maxDocuments);
                ids.Clear();
                payloadBytes = 0;
            }

            current.Add(document);
            ids.Add(document.Id);
            payloadBytes += document.Payload.Length;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }
}
