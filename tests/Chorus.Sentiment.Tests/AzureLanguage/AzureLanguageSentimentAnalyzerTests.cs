using System.Text.Json;
using Chorus.Sentiment.AzureLanguage;

namespace Chorus.Sentiment.Tests.AzureLanguage;

public sealed class AzureLanguageSentimentAnalyzerTests
{
    // The texts the fixture sentiment-opinion-mining.json was written for (offsets and lengths match them).
    private static readonly SentimentDocument[] Reviews =
    [
        new("1", "The food and service were unacceptable. The concierge was nice, however."),
        new("2", "The restaurant had great food and our waiter was friendly.", "en"),
        new("3", "The food and service is not good."),
    ];

    [Fact]
    public async Task Three_documents_are_scored_in_one_request_and_returned_in_input_order()
    {
        await using FakeLanguageService service = await FakeLanguageService.StartAsync();
        service.Enqueue(FakeResponses.Fixture("sentiment-opinion-mining.json"));

        SentimentBatchResult result = await TestAnalyzers.WithKey(service).AnalyzeAsync(Reviews);

        Assert.Single(service.Requests);
        Assert.Equal("azure-language", result.Analyzer);
        Assert.Equal("2025-01-01", result.ModelVersion);

        // The fixture lists the documents as 3, 1, 2.
        Assert.Equal(["1", "2", "3"], result.Documents.Select(document => document.Id));
        Assert.All(result.Documents, document => Assert.Null(document.Error));
        Assert.Equal(
            [SentimentLabel.Mixed, SentimentLabel.Positive, SentimentLabel.Negative],
            result.Documents.Select(document => document.Label!.Value));
    }

    [Fact]
    public async Task Document_and_sentence_scores_positions_and_warnings_are_mapped()
    {
        await using FakeLanguageService service = await FakeLanguageService.StartAsync();
        service.Enqueue(FakeResponses.Fixture("sentiment-opinion-mining.json"));

        SentimentBatchResult result = await TestAnalyzers.WithKey(service).AnalyzeAsync(Reviews);

        DocumentSentiment mixed = result.Documents[0];
        Assert.Equal(new SentimentConfidence(0.47, 0.01, 0.52), mixed.Confidence);
        Assert.Equal(0.47, mixed.Scores["positive"]);
        Assert.Equal(0.01, mixed.Scores["neutral"]);
        Assert.Equal(0.52, mixed.Scores["negative"]);
        Assert.Empty(mixed.Warnings);

        Assert.Equal(2, mixed.Sentences.Count);
        SentenceSentiment second = mixed.Sentences[1];
        Assert.Equal("The concierge was nice, however.", second.Text);
        Assert.Equal(SentimentLabel.Positive, second.Label);
        Assert.Equal(new SentimentConfidence(0.94, 0.01, 0.05), second.Confidence);
        foreach (SentenceSentiment sentence in mixed.Sentences)
        {
            Assert.Equal(sentence.Text, Reviews[0].Text.Substring(sentence.Offset, sentence.Length));
        }

        DocumentSentiment negative = result.Documents[2];
        string warning = Assert.Single(negative.Warnings);
        Assert.StartsWith("LongWordsInDocument: The document contains very long words", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opinion_targets_are_linked_to_their_assessments_through_relations()
    {
        await using FakeLanguageService service = await FakeLanguageService.StartAsync();
        service.Enqueue(FakeResponses.Fixture("sentiment-opinion-mining.json"));

        SentimentBatchResult result = await TestAnalyzers.WithKey(service).AnalyzeAsync(Reviews);

        // Two targets sharing one assessment; a second sentence's ref points at its own sentence index.
        DocumentSentiment mixed = result.Documents[0];
        Assert.Equal(
            [("food", "unacceptable"), ("service", "unacceptable")],
            Pairs(mixed.Sentences[0]));
        Assert.Equal([("concierge", "nice")], Pairs(mixed.Sentences[1]));
        OpinionTarget concierge = mixed.Sentences[1].Opinions[0].Target;
        Assert.Equal(new OpinionTarget("concierge", 44, 9, SentimentLabel.Positive, 1.0, 0.0), concierge);

        // Assessment index 1 of the sentence.
        DocumentSentiment positive = result.Documents[1];
        Assert.Equal([("food", "great"), ("waiter", "friendly")], Pairs(positive.Sentences[0]));
        Assert.Equal(
            new OpinionAssessment("friendly", 49, 8, SentimentLabel.Positive, 1.0, 0.0, IsNegated: false),
            positive.Sentences[0].Opinions[1].Assessments[0]);

        // A negated assessment ("not good") keeps its flag.
        OpinionAssessment good = result.Documents[2].Sentences[0].Opinions[0].Assessments[0];
        Assert.Equal(new OpinionAssessment("good", 28, 4, SentimentLabel.Negative, 0.01, 0.99, IsNegated: true), good);

        // Every position points at the text it names.
        for (int i = 0; i < Reviews.Length; i++)
        {
            foreach (SentenceOpinion opinion in result.Documents[i].Sentences.SelectMany(sentence => sentence.Opinions))
            {
                Assert.Equal(opinion.Target.Text, Reviews[i].Text.Substring(opinion.Target.Offset, opinion.Target.Length));
                Assert.All(opinion.Assessments, assessment =>
                    Assert.Equal(assessment.Text, Reviews[i].Text.Substring(assessment.Offset, assessment.Length)));
            }
        }
    }

    [Fact]
    public async Task Request_has_the_documented_shape()
    {
        await using FakeLanguageService service = await FakeLanguageService.StartAsync();

        await TestAnalyzers.WithKey(service).AnalyzeAsync(Reviews);

        RecordedRequest request = Assert.Single(service.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/language/:analyze-text", request.Path);
        Assert.Equal("?api-version=2024-11-01", request.Query);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);

        using JsonDocument body = JsonDocument.Parse(request.Body);
        JsonElement root = body.RootElement;
        Assert.Equal("SentimentAnalysis", root.GetProperty("kind").GetString());
        Assert.True(root.GetProperty("parameters").GetProperty("opinionMining").GetBoolean());
        JsonElement[] documents = [.. root.GetProperty("analysisInput").GetProperty("documents").EnumerateArray()];
        Assert.Equal(3, documents.Length);
        for (int i = 0; i < documents.Length; i++)
        {
            Assert.Equal(Reviews[i].Id, documents[i].GetProperty("id").GetString());
            Assert.Equal("en", documents[i].GetProperty("language").GetString());
            Assert.Equal(Reviews[i].Text, documents[i].GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task Options_and_per_document_languages_reach_the_request()
    {
        await using FakeLanguageService service = await FakeLanguageService.StartAsync();
        AzureLanguageSentimentAnalyzer analyzer = TestAnalyzers.WithKey(service, options =>
        {
            // No trailing slash on the endpoint: the path must still come out right.
            options.Endpoint = new Uri(service.Endpoint.AbsoluteUri.TrimEnd('/'));
            options.ApiVersion = "2023-04-01";
            options.DefaultLanguage = "fr";
            options.OpinionMining = false;
        });

        SentimentBatchResult result = await analyzer.AnalyzeAsync(
        [
            new("a", "Le service était impeccable."),
            new("b", "El servicio fue excelente.", "es"),
        ]);

        Assert.All(result.Documents, document => Assert.Equal(SentimentLabel.Neutral, document.Label));
        RecordedRequest request = Assert.Single(service.Requests);
        Assert.Equal("/language/:analyze-text", request.Path);
        Assert.Equal("?api-version=2023-04-01", request.Query);
        Assert.Equal([("a", "fr"), ("b", "es")], request.Documents.Select(document => (document.Id, document.Language)));
        using JsonDocument body = JsonDocument.Parse(request.Body);
        Assert.False(body.RootElement.GetProperty("parameters").GetProperty("opinionMining").GetBoolean());
    }

    [Fact]
    public async Task An_empty_batch_sends_nothing()
    {
        await using FakeLanguageService service = await FakeLanguageService.StartAsync();

        SentimentBatchResult result = await TestAnalyzers.WithKey(service).AnalyzeAsync([]);

        Assert.Empty(result.Documents);
        Assert.Equal(string.Empty, result.ModelVersion);
        Assert.Empty(service.Requests);
    }

    private static List<(string Target, string Assessment)> Pairs(SentenceSentiment sentence) =>
        [.. sentence.Opinions.SelectMany(opinion => opinion.Assessments.Select(assessment => (opinion.Target.Text, assessment.Text)))];
}
