using Chorus.Sentiment.Vader;

namespace Chorus.Sentiment.Tests.Vader;

public sealed class VaderSentimentAnalyzerTests
{
    private readonly VaderSentimentAnalyzer _analyzer = new();

    [Theory]
    [InlineData("The support team was very helpful.", SentimentLabel.Positive)]
    [InlineData("The support team was useless and rude.", SentimentLabel.Negative)]
    [InlineData("The parcel arrived on Tuesday.", SentimentLabel.Neutral)]
    [InlineData("I love the screen. The battery is terrible.", SentimentLabel.Mixed)]
    [InlineData("I love the screen but the battery is terrible.", SentimentLabel.Negative)] // one sentence is never mixed
    [InlineData("I love the screen. The parcel arrived on Tuesday.", SentimentLabel.Positive)] // neutral sentences do not make it mixed
    public async Task Labels_documents(string text, SentimentLabel expected)
    {
        DocumentSentiment result = await AnalyzeOne(new SentimentDocument("1", text));

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Label);
    }

    [Theory]
    [InlineData(0.05, SentimentLabel.Positive)]
    [InlineData(0.0499, SentimentLabel.Neutral)]
    [InlineData(0.0, SentimentLabel.Neutral)]
    [InlineData(-0.0499, SentimentLabel.Neutral)]
    [InlineData(-0.05, SentimentLabel.Negative)]
    public void Labels_by_compound_with_the_conventional_thresholds(double compound, SentimentLabel expected) =>
        Assert.Equal(expected, VaderLabels.FromCompound(compound));

    [Fact]
    public async Task Reports_the_reference_figures_under_their_reference_names()
    {
        DocumentSentiment result = await AnalyzeOne(new SentimentDocument("1", "The support team was very helpful."));

        Assert.Equal(["compound", "neg", "neu", "pos"], result.Scores.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0.0, result.Scores["neg"]);
        Assert.Equal(0.408, result.Scores["neu"]);
        Assert.Equal(0.592, result.Scores["pos"]);
        Assert.Equal(0.6997, result.Scores["compound"]);
        Assert.Equal(new SentimentConfidence(0.592, 0.408, 0.0).Positive, result.Confidence!.Positive, 3);
    }

    [Fact]
    public async Task Names_the_analyzer_and_version()
    {
        SentimentBatchResult batch = await _analyzer.AnalyzeAsync([new SentimentDocument("1", "ok")]);

        Assert.Equal("vader", batch.Analyzer);
        Assert.Equal("3.3.2", batch.ModelVersion);
    }

    [Fact]
    public async Task Confidences_sum_to_one_for_every_rule_coverage_sentence()
    {
        IReadOnlyList<ReferenceRow> rows = ReferenceRow.Load("rule-coverage.jsonl");
        SentimentBatchResult batch = await _analyzer.AnalyzeAsync([.. rows.Select(r => new SentimentDocument(r.Id, r.Text))]);

        foreach (DocumentSentiment document in batch.Documents)
        {
            AssertSumsToOne(document.Confidence!);
            foreach (SentenceSentiment sentence in document.Sentences)
            {
                AssertSumsToOne(sentence.Confidence);
            }
        }
    }

    [Fact]
    public void A_text_without_tokens_is_wholly_neutral() =>
        Assert.Equal(new SentimentConfidence(0, 1, 0), VaderLabels.ToConfidence(default));

    [Fact]
    public async Task Sentence_offsets_point_at_the_sentence_text()
    {
        const string text = "  \U0001F600 Great food!  The staff?! Rude... Dr. Who was ok.\nEnd";
        DocumentSentiment result = await AnalyzeOne(new SentimentDocument("1", text));

        Assert.Equal(["\U0001F600 Great food!", "The staff?!", "Rude...", "Dr.", "Who was ok.", "End"], result.Sentences.Select(s => s.Text));
        foreach (SentenceSentiment sentence in result.Sentences)
        {
            Assert.Equal(sentence.Text, text.Substring(sentence.Offset, sentence.Length));
            Assert.Empty(sentence.Opinions);
        }
    }

    [Fact]
    public async Task A_sentence_is_scored_on_its_own()
    {
        DocumentSentiment result = await AnalyzeOne(new SentimentDocument("1", "I love it. I hate it."));

        Assert.Equal(SentimentLabel.Positive, result.Sentences[0].Label);
        Assert.Equal(SentimentLabel.Negative, result.Sentences[1].Label);
        Assert.Equal(SentimentLabel.Mixed, result.Label);
    }

    [Fact]
    public async Task Bad_documents_get_errors_and_the_rest_of_the_batch_is_scored()
    {
        VaderSentimentAnalyzer analyzer = new(new VaderOptions { MaxTextElements = 20 });
        SentimentDocument[] documents =
        [
            new("ok-1", "Great service."),
            new("empty", string.Empty),
            new("blank", " \t\n\u001C"),
            new("french", "Très bien.", "fr"),
            new("long", new string('a', 21)),
            null!,
            new("ok-2", "Awful service.", "EN"),
        ];

        SentimentBatchResult batch = await analyzer.AnalyzeAsync(documents);

        Assert.Equal(["ok-1", "empty", "blank", "french", "long", string.Empty, "ok-2"], batch.Documents.Select(d => d.Id));
        Assert.Equal(SentimentLabel.Positive, batch.Documents[0].Label);
        Assert.Equal("InvalidDocument", batch.Documents[1].Error?.Code);
        Assert.Equal("InvalidDocument", batch.Documents[2].Error?.Code);
        Assert.Equal("UnsupportedLanguageCode", batch.Documents[3].Error?.Code);
        Assert.Equal("InvalidDocument", batch.Documents[4].Error?.Code);
        Assert.Contains("20 text elements", batch.Documents[4].Error?.Message, StringComparison.Ordinal);
        Assert.Equal("InvalidDocument", batch.Documents[5].Error?.Code);
        Assert.Equal(SentimentLabel.Negative, batch.Documents[6].Label);
        foreach (DocumentSentiment failed in batch.Documents.Where(d => d.Error is not null))
        {
            Assert.Null(failed.Label);
            Assert.Null(failed.Confidence);
            Assert.Empty(failed.Sentences);
        }
    }

    [Fact]
    public async Task The_length_limit_counts_text_elements_not_UTF16_units()
    {
        // A family emoji is one text element of 11 UTF-16 units.
        const string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";
        VaderSentimentAnalyzer analyzer = new(new VaderOptions { MaxTextElements = 3 });

        SentimentBatchResult batch = await analyzer.AnalyzeAsync(
        [
            new SentimentDocument("three", family + family + family),
            new SentimentDocument("four", family + family + family + family),
        ]);

        Assert.Null(batch.Documents[0].Error);
        Assert.Equal("InvalidDocument", batch.Documents[1].Error?.Code);
    }

    [Fact]
    public async Task The_default_limit_is_5120_text_elements()
    {
        SentimentBatchResult batch = await _analyzer.AnalyzeAsync(
        [
            new SentimentDocument("at-limit", new string('a', VaderOptions.DefaultMaxTextElements)),
            new SentimentDocument("over", new string('a', VaderOptions.DefaultMaxTextElements + 1)),
        ]);

        Assert.Equal(5_120, VaderOptions.DefaultMaxTextElements);
        Assert.Null(batch.Documents[0].Error);
        Assert.Equal("InvalidDocument", batch.Documents[1].Error?.Code);
    }

    [Fact]
    public void Rejects_a_limit_below_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new VaderSentimentAnalyzer(new VaderOptions { MaxTextElements = 0 }));

    private static void AssertSumsToOne(SentimentConfidence confidence)
    {
        Assert.InRange(confidence.Positive, 0, 1);
        Assert.InRange(confidence.Neutral, 0, 1);
        Assert.InRange(confidence.Negative, 0, 1);
        Assert.Equal(1.0, confidence.Positive + confidence.Neutral + confidence.Negative, 12);
    }

    private async Task<DocumentSentiment> AnalyzeOne(SentimentDocument document) =>
        Assert.Single((await _analyzer.AnalyzeAsync([document])).Documents);
}
