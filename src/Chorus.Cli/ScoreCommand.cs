using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Chorus.Sentiment;

namespace Chorus.Cli;

/// <summary>
/// <c>chorus score</c>: reads JSON lines, scores them in batches and writes one JSON line per input line, in input
/// order. Only one batch is held at a time, so input of any length streams in bounded memory.
/// </summary>
internal sealed class ScoreCommand
{
    /// <summary>The default number of documents sent to the analyzer at once.</summary>
    public const int DefaultBatchSize = 256;

    /// <summary>Exit code: at least one line was scored, or the input held no lines.</summary>
    public const int Success = 0;

    /// <summary>Exit code: the input had lines and none of them could be scored.</summary>
    public const int AllLinesFailed = 1;

    // The output is JSON lines for programs and terminals, never embedded in HTML: keep apostrophes and non-ASCII
    // text readable instead of \uXXXX-escaping them.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ISentimentAnalyzer _analyzer;
    private readonly int _batchSize;

    /// <summary>Initializes a new instance of the <see cref="ScoreCommand"/> class.</summary>
    public ScoreCommand(ISentimentAnalyzer analyzer, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _analyzer = analyzer;
        _batchSize = batchSize;
    }

    /// <summary>Scores every line of <paramref name="input"/> and returns the exit code.</summary>
    public async Task<int> RunAsync(TextReader input, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);

        // Each pending line is an input error or the index of its document in the batch, kept in input order.
        List<PendingLine> pending = new(_batchSize);
        List<SentimentDocument> batch = new(_batchSize);
        ArrayBufferWriter<byte> buffer = new(64 * 1024);
        Counts counts = new();
        int lineNumber = 0;
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            SentimentDocument? document = ScoreInput.TryParse(line, out string error);
            if (document is null)
            {
                pending.Add(new PendingLine(lineNumber, -1, error));
            }
            else
            {
                pending.Add(new PendingLine(lineNumber, batch.Count, null));
                batch.Add(document);
            }

            if (batch.Count == _batchSize || pending.Count >= 4 * _batchSize)
            {
                await FlushAsync(pending, batch, buffer, output, counts, cancellationToken).ConfigureAwait(false);
            }
        }

        await FlushAsync(pending, batch, buffer, output, counts, cancellationToken).ConfigureAwait(false);
        return counts.Scored == 0 && counts.Failed > 0 ? AllLinesFailed : Success;
    }

    private static string LabelName(SentimentLabel label) => label switch
    {
        SentimentLabel.Positive => "positive",
        SentimentLabel.Negative => "negative",
        SentimentLabel.Mixed => "mixed",
        _ => "neutral",
    };

    private static void WriteScored(Utf8JsonWriter json, DocumentSentiment result, SentimentLabel label, SentimentConfidence confidence)
    {
        json.WriteString("id", result.Id);
        json.WriteString("label", LabelName(label));
        json.WriteStartObject("confidence");
        json.WriteNumber("positive", confidence.Positive);
        json.WriteNumber("neutral", confidence.Neutral);
        json.WriteNumber("negative", confidence.Negative);
        json.WriteEndObject();
        foreach ((string name, double value) in result.Scores)
        {
            json.WriteNumber(name, value);
        }
    }

    private async Task FlushAsync(
        List<PendingLine> pending,
        List<SentimentDocument> batch,
        ArrayBufferWriter<byte> buffer,
        TextWriter output,
        Counts counts,
        CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        IReadOnlyList<DocumentSentiment> results = await AnalyzeAsync(batch, cancellationToken).ConfigureAwait(false);

        buffer.ResetWrittenCount();
        using (Utf8JsonWriter json = new(buffer, WriterOptions))
        {
            foreach (PendingLine line in pending)
            {
                json.Reset();
                json.WriteStartObject();
                if (line.Error is not null)
                {
                    counts.Failed++;
                    json.WriteNumber("line", line.Number);
                    json.WriteString("error", line.Error);
                }
                else if (line.DocumentIndex < results.Count
                    && results[line.DocumentIndex] is { Error: null, Label: { } label, Confidence: { } confidence } result)
                {
                    counts.Scored++;
                    WriteScored(json, result, label, confidence);
                }
                else
                {
                    DocumentError? error = line.DocumentIndex < results.Count ? results[line.DocumentIndex].Error : null;
                    counts.Failed++;
                    json.WriteNumber("line", line.Number);
                    json.WriteString("id", batch[line.DocumentIndex].Id);
                    json.WriteString("code", error?.Code ?? "AnalyzerFailed");
                    json.WriteString("error", error?.Message ?? "The analyzer returned no result for this document.");
                }

                json.WriteEndObject();
                json.Flush();
                buffer.Write("\n"u8);
            }
        }

        await output.WriteAsync(Encoding.UTF8.GetString(buffer.WrittenSpan).AsMemory(), cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        pending.Clear();
        batch.Clear();
    }

    // A failing analyzer (Azure AI Language out of reach, say) fails this batch's lines, not the whole run.
    private async Task<IReadOnlyList<DocumentSentiment>> AnalyzeAsync(List<SentimentDocument> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return [];
        }

        try
        {
            return (await _analyzer.AnalyzeAsync(batch, cancellationToken).ConfigureAwait(false)).Documents;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            DocumentError error = new("AnalyzerFailed", $"The analyzer failed on this batch: {ex.Message}");
            return [.. batch.Select(d => new DocumentSentiment(d.Id) { Error = error })];
        }
    }

    private readonly record struct PendingLine(int Number, int DocumentIndex, string? Error);

    private sealed class Counts
    {
        public long Scored { get; set; }

        public long Failed { get; set; }
    }
}
