using System.Globalization;

namespace Chorus.Sentiment.Vader;

/// <summary>
/// Scores English texts with VADER (vaderSentiment 3.3.2, ported exactly; Hutto &amp; Gilbert, ICWSM-14). Runs in
/// process with no network. Each document gets VADER's figures in <see cref="DocumentSentiment.Scores"/> ("neg",
/// "neu", "pos", "compound", rounded as the reference rounds them), a label from the compound score ("mixed" when its
/// sentences disagree), confidences from the proportions, and per-sentence results. A document that cannot be scored
/// gets an error; the rest of the batch is still scored.
/// </summary>
public sealed class VaderSentimentAnalyzer : ISentimentAnalyzer
{
    /// <summary>The analyzer name reported in results.</summary>
    public const string AnalyzerName = "vader";

    /// <summary>The reference version this port reproduces.</summary>
    public const string ModelVersion = "3.3.2";

    private readonly VaderOptions _options;
    private readonly VaderScorer _scorer;

    /// <summary>Initializes a new instance of the <see cref="VaderSentimentAnalyzer"/> class with default options.</summary>
    public VaderSentimentAnalyzer()
        : this(new VaderOptions())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="VaderSentimentAnalyzer"/> class.</summary>
    public VaderSentimentAnalyzer(VaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTextElements, 1, nameof(options));
        _options = options;
        _scorer = VaderScorer.Shared;
    }

    /// <inheritdoc/>
    public Task<SentimentBatchResult> AnalyzeAsync(IReadOnlyList<SentimentDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        DocumentSentiment[] results = new DocumentSentiment[documents.Count];
        List<(int Offset, int Length)> sentences = [];
        for (int i = 0; i < results.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[i] = Analyze(documents[i], i, sentences);
        }

        return Task.FromResult(new SentimentBatchResult(AnalyzerName, ModelVersion, results));
    }

    private DocumentSentiment Analyze(SentimentDocument? document, int index, List<(int Offset, int Length)> sentences)
    {
        if (document is null)
        {
            return Failed(string.Empty, "InvalidDocument", $"Document at index {index} is null.");
        }

        string id = document.Id ?? string.Empty;
        string? text = document.Text;

        // Python's whitespace, which also covers U+001C..U+001F: a text VADER would find no token in.
        if (text is null || PythonText.Strip(text).IsEmpty)
        {
            return Failed(id, "InvalidDocument", "Document text is empty.");
        }

        if (!string.IsNullOrWhiteSpace(document.Language) && !string.Equals(document.Language, "en", StringComparison.OrdinalIgnoreCase))
        {
            return Failed(id, "UnsupportedLanguageCode", $"Invalid language code '{document.Language}'. VADER supports English only: use 'en' or no language.");
        }

        if (ExceedsMaxTextElements(text, _options.MaxTextElements))
        {
            return Failed(id, "InvalidDocument", $"A document was too large to be processed. Limit document size to {_options.MaxTextElements.ToString(CultureInfo.InvariantCulture)} text elements.");
        }

        VaderScores scores;
        try
        {
            scores = _scorer.PolarityScores(text);
        }
        catch (OverflowException)
        {
            // Only reachable with MaxTextElements raised far above the default: tens of millions of emoji whose
            // descriptions would not fit in one .NET string.
            return Failed(id, "InvalidDocument", "A document was too large to be processed: its emoji descriptions exceed the largest text VADER can score.");
        }

        sentences.Clear();
        VaderSentenceSplitter.Split(text, sentences);
        SentenceSentiment[] sentenceResults = new SentenceSentiment[sentences.Count];
        bool anyPositive = false;
        bool anyNegative = false;
        for (int s = 0; s < sentenceResults.Length; s++)
        {
            (int offset, int length) = sentences[s];

            // One sentence is the whole text up to surrounding whitespace, which VADER ignores: same figures.
            VaderScores sentenceScores = sentences.Count == 1 ? scores : _scorer.PolarityScores(text.AsSpan(offset, length));
            SentimentLabel label = VaderLabels.FromCompound(sentenceScores.Compound);
            anyPositive |= label == SentimentLabel.Positive;
            anyNegative |= label == SentimentLabel.Negative;
            sentenceResults[s] = new SentenceSentiment(text.Substring(offset, length), offset, length, label, VaderLabels.ToConfidence(sentenceScores), []);
        }

        VaderScores rounded = scores.Rounded;
        return new DocumentSentiment(id)
        {
            Label = anyPositive && anyNegative ? SentimentLabel.Mixed : VaderLabels.FromCompound(scores.Compound),
            Confidence = VaderLabels.ToConfidence(scores),
            Sentences = sentenceResults,
            Scores = new Dictionary<string, double>(4, StringComparer.Ordinal)
            {
                ["neg"] = rounded.Negative,
                ["neu"] = rounded.Neutral,
                ["pos"] = rounded.Positive,
                ["compound"] = rounded.Compound,
            },
        };
    }

    private static bool ExceedsMaxTextElements(string text, int max)
    {
        // A text element is at least one UTF-16 unit, so short texts need no counting; long ones stop at max + 1.
        if (text.Length <= max)
        {
            return false;
        }

        ReadOnlySpan<char> rest = text;
        for (int count = 0; !rest.IsEmpty; count++)
        {
            if (count == max)
            {
                return true;
            }

            rest = rest[StringInfo.GetNextTextElementLength(rest)..];
        }

        return false;
    }

    private static DocumentSentiment Failed(string id, string code, string message) =>
        new(id) { Error = new DocumentError(code, message) };
}
