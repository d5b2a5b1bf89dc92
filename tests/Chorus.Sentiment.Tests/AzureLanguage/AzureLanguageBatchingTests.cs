using Chorus.Sentiment.AzureLanguage;

namespace Chorus.Sentiment.Tests.AzureLanguage;

public sealed class AzureLanguageBatchingTests
{
    [Fact]
    public async Task Twenty_three_documents_go_out_as_three_requests_of_at_most_ten()
    {
        await using FakeLanguageService service = await FakeLanguageService.StartAsync();
        SentimentDocument[] documents = TestAnalyzers.Numbered(23);

        SentimentBatchResult result = await TestAnalyzers.WithKey(service).AnalyzeAsync(documents);

        Assert.Equal([10, 10, 3], service.Requests.Select(request => request.DocumentIds.Count));
        Assert.Equal(documents.Select(document => document.Id), service.Requests.SelectMany(request => request.DocumentIds));

        // The echo answers in reverse order; each result must still sit at its input position with its own text.
        Assert.Equal(documents.Select(document => document.Id), result.Documents.Select(document => document.Id));
        for (int i = 0; i < documents.Length; i++)
        {
            Assert.Null(result.Documents[i].Error);
            Assert.Equal(documents[i].Text, Assert.Single(result.Documents[i].Sentences).Text);
        }

        Assert.Equal(FakeResponses.EchoModelVersion, result.ModelVersion);
    }

    [Fact]
    public async Task A_document_over_5120_text_elements_is_refused_locally_and_never_sent()
    {
        await using FakeLanguageService service = await FakeLanguageService.StartAsync();
        SentimentDocument[] documents =
        [
            new("before", "Short and sweet."),
            new("too-long", new string('a', 5_121)),
            new("at-limit", new string('a', 5_120)),

            // 5,000 thumbs-up-with-skin-tone: 20,000 UTF-16 chars but 5,000 text elements, which is what counts.
            new("emoji", string.Concat(Enumerable.Repeat("\U0001F44D\U0001F3FD", 5_000))),
            new("after", "Also short."),
        ];

        SentimentBatchResult result = await TestAnalyzers.WithKey(service).AnalyzeAsync(documents);

        DocumentError error = Assert.IsType<DocumentError>(result.Documents[1].Error);
        Assert.Equal("InvalidDocument", error.Code);
        Assert.Contains("exceeds 5,120 text elements", error.Message, StringComparison.Ordinal);
        Assert.Contains("5,121", error.Message, StringComparison.Ordinal);
        Assert.Equal("too-long", result.Documents[1].Id);

        Assert.Equal(["before", "at-limit", "emoji", "after"], service.Requests.SelectMany(request => request.DocumentIds));
        Assert.All(result.Documents.Where((_, i) => i != 1), document => Assert.Null(document.Error));
    }

    [Fact]
    public async Task Empty_texts_ids_and_null_documents_are_refused_locally_and_a_batch_of_only_refusals_sends_nothing()
    {
        await using FakeLanguageService service = await FakeLanguageService.StartAsync();

        SentimentBatchResult result = await TestAnalyzers.WithKey(service).AnalyzeAsync(
        [
            new("empty", string.Empty),
            new("blank", "   \n\t"),
            new(string.Empty, "No id."),
            null!,
        ]);

        Assert.Empty(service.Requests);
        Assert.Equal(string.Empty, result.ModelVersion);
        Assert.Equal(["empty", "blank", string.Empty, string.Empty], result.Documents.Select(document => document.Id));
        Assert.All(result.Documents, document => Assert.Equal("InvalidDocument", document.Error?.Code));
        Assert.Contains("text is empty", result.Documents[0].Error!.Message, StringComparison.Ordinal);
        Assert.Contains("id is empty", result.Documents[2].Error!.Message, StringComparison.Ordinal);
        Assert.Contains("index 3 is null", result.Documents[3].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_are_split_to_stay_within_one_megabyte_and_a_document_too_big_alone_is_refused()
    {
        await using FakeLanguageService service = await FakeLanguageService.StartAsync();

        // One letter carrying many combining accents is a single text element, so these pass the 5,120-element
        // check while weighing ~350 KB (two fit in 1 MB, three do not) or ~1.2 MB (too big for any request).
        static SentimentDocument Heavy(string id, int marks) => new(id, "a" + new string('\u0301', marks));
        SentimentDocument[] documents =
        [
            Heavy("h1", 175_000),
            Heavy("h2", 175_000),
            Heavy("huge", 600_000),
            Heavy("h3", 175_000),
            new("small", "A small one rides along."),
            Heavy("h4", 175_000),
            Heavy("h5", 175_000),
        ];

        SentimentBatchResult result = await TestAnalyzers.WithKey(service).AnalyzeAsync(documents);

        DocumentError error = Assert.IsType<DocumentError>(result.Documents[2].Error);
        Assert.Equal("InvalidDocument", error.Code);
        Assert.Contains("1 MB", error.Message, StringComparison.Ordinal);

        Assert.Equal(
            [["h1", "h2"], ["h3", "small", "h4"], ["h5"]],
            service.Requests.Select(request => request.DocumentIds));
        Assert.All(service.Requests, request => Assert.InRange(request.Body.Length, 1, AzureLanguageSentimentAnalyzer.MaxRequestBytes));
        Assert.All(result.Documents.Where((_, i) => i != 2), document => Assert.Null(document.Error));
    }

    [Fact]
    public async Task Repeated_ids_go_to_separate_requests_and_keep_their_own_results()
    {
        await using FakeLanguageService service = await FakeLanguageService.StartAsync();

        SentimentBatchResult result = await TestAnalyzers.WithKey(service).AnalyzeAsync(
        [
            new("same", "First text."),
            new("other", "Second text."),
            new("SAME", "Third text."),
        ]);

        Assert.Equal([["same", "other"], ["SAME"]], service.Requests.Select(request => request.DocumentIds));
        Assert.Equal(
            ["First text.", "Second text.", "Third text."],
            result.Documents.Select(document => Assert.Single(document.Sentences).Text));
    }
}
