using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace Chorus.Sentiment.AzureLanguage;

/// <summary>
/// Scores documents with Azure AI Language (<c>POST {endpoint}/language/:analyze-text</c>, kind SentimentAnalysis)
/// over Azure.Core's pipeline, which supplies retries with back-off, Retry-After, per-attempt timeouts and logging.
/// </summary>
/// <remarks>
/// Failures are reported per document, never thrown (only the caller's cancellation throws). A document that breaks
/// a service limit is refused locally (<c>InvalidDocument</c>) and never sent. A request that fails as a whole after
/// retries (HTTP error, unreadable body) marks only its own documents <c>ServiceError</c>, or <c>Timeout</c>, so one
/// bad batch does not discard the results of the others: callers such as the mention monitor score hundreds of
/// items per run and can retry just the failed ones.
/// </remarks>
internal sealed class AzureLanguageSentimentAnalyzer : ISentimentAnalyzer
{
    /// <summary>The <see cref="SentimentBatchResult.Analyzer"/> value.</summary>
    internal const string AnalyzerName = "azure-language";

    /// <summary>Documents per synchronous analyze-text request.</summary>
    internal const int MaxDocumentsPerRequest = 10;

    /// <summary>Per-document limit, counted as the service counts it: <see cref="StringInfo.LengthInTextElements"/>.</summary>
    internal const int MaxTextElementsPerDocument = 5_120;

    /// <summary>
    /// Request size limit. The service documents "1 MB" without saying which; the decimal reading is the smaller,
    /// and erring low costs at most an extra request where erring high fails a whole batch with 413.
    /// </summary>
    internal const int MaxRequestBytes = 1_000_000;

    /// <summary>The Microsoft Entra ID scope for Cognitive Services data-plane calls.</summary>
    internal const string TokenScope = "https://cognitiveservices.azure.com/.default";

    private const int ExcerptLength = 200;

    private readonly HttpPipeline _pipeline;
    private readonly Uri _requestUri;
    private readonly string _defaultLanguage;
    private readonly bool _opinionMining;
    private readonly int _envelopeLength;
    private readonly TimeSpan _timeout;
    private readonly int _maxRetries;

    /// <summary>Creates an analyzer that authenticates with the resource key (<c>Ocp-Apim-Subscription-Key</c>).</summary>
    public AzureLanguageSentimentAnalyzer(AzureLanguageOptions options, AzureKeyCredential credential, HttpPipelineTransport? transport = null)
        : this(options, new SubscriptionKeyPolicy(credential ?? throw new ArgumentNullException(nameof(credential))), transport)
    {
    }

    /// <summary>Creates an analyzer that authenticates with Microsoft Entra ID tokens from <paramref name="credential"/>.</summary>
    public AzureLanguageSentimentAnalyzer(AzureLanguageOptions options, TokenCredential credential, HttpPipelineTransport? transport = null)
        : this(options, new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), TokenScope), transport)
    {
    }

    private AzureLanguageSentimentAnalyzer(AzureLanguageOptions options, HttpPipelinePolicy authenticationPolicy, HttpPipelineTransport? transport)
    {
        ArgumentNullException.ThrowIfNull(options);
        Uri endpoint = options.Endpoint ?? throw new ArgumentException($"{AzureLanguageOptions.SectionName}:Endpoint is required.", nameof(options));

        _requestUri = new Uri(
            endpoint.AbsoluteUri.TrimEnd('/') + "/language/:analyze-text?api-version=" + Uri.EscapeDataString(options.ApiVersion),
            UriKind.Absolute);
        _defaultLanguage = options.DefaultLanguage;
        _opinionMining = options.OpinionMining;
        _envelopeLength = AnalyzeTextRequestBody.EnvelopeLength(options.OpinionMining);
        _timeout = options.Timeout;
        _maxRetries = options.MaxRetries;

        // Per-retry, so a token refreshed or a key rotated between attempts is used by the next attempt.
        _pipeline = HttpPipelineBuilder.Build(AzureLanguageClientOptions.From(options, transport), authenticationPolicy);
    }

    /// <summary>Creates the analyzer configuration asks for: the key when one is set, otherwise the managed identity.</summary>
    internal static AzureLanguageSentimentAnalyzer Create(AzureLanguageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.Key))
        {
            return new AzureLanguageSentimentAnalyzer(options, new AzureKeyCredential(options.Key));
        }

        ManagedIdentityId identity = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId);
        return new AzureLanguageSentimentAnalyzer(options, new ManagedIdentityCredential(identity));
    }

    /// <inheritdoc/>
    public async Task<SentimentBatchResult> AnalyzeAsync(IReadOnlyList<SentimentDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);

        var results = new DocumentSentiment[documents.Count];
        var toSend = new List<PreparedDocument>(documents.Count);
        for (int i = 0; i < documents.Count; i++)
        {
            SentimentDocument? document = documents[i];
            if (document is null)
            {
                results[i] = new DocumentSentiment(string.Empty) { Error = Invalid(string.Create(CultureInfo.InvariantCulture, $"Document at index {i} is null. The document was not sent.")) };
            }
            else if (TryPrepare(document, i, out PreparedDocument? prepared, out DocumentError? refusal))
            {
                toSend.Add(prepared);
            }
            else
            {
                results[i] = new DocumentSentiment(document.Id ?? string.Empty) { Error = refusal };
            }
        }

        var modelVersions = new List<string>();
        foreach (IReadOnlyList<PreparedDocument> batch in BatchPlanner.Plan(toSend, MaxDocumentsPerRequest, MaxRequestBytes, _envelopeLength))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? modelVersion = await SendBatchAsync(batch, results, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(modelVersion) && !modelVersions.Contains(modelVersion))
            {
                modelVersions.Add(modelVersion);
            }
        }

        // Empty when no request reached the model (every document refused locally or every batch failed).
        return new SentimentBatchResult(AnalyzerName, string.Join(", ", modelVersions), results);
    }

    private bool TryPrepare(
        SentimentDocument document,
        int index,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PreparedDocument? prepared,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out DocumentError? refusal)
    {
        prepared = null;
        refusal = null;
        if (string.IsNullOrWhiteSpace(document.Id))
        {
            refusal = Invalid("Document id is empty; the service needs an id to return the result. The document was not sent.");
            return false;
        }

        if (string.IsNullOrWhiteSpace(document.Text))
        {
            refusal = Invalid("Document text is empty. The document was not sent.");
            return false;
        }

        int textElements = new StringInfo(document.Text).LengthInTextElements;
        if (textElements > MaxTextElementsPerDocument)
        {
            refusal = Invalid(string.Create(
                CultureInfo.InvariantCulture,
                $"Document text is {textElements:N0} text elements long, which exceeds 5,120 text elements, the service's limit per document. The document was not sent; split or truncate it."));
            return false;
        }

        string language = string.IsNullOrWhiteSpace(document.Language) ? _defaultLanguage : document.Language;
        ReadOnlyMemory<byte> payload = AnalyzeTextRequestBody.SerializeDocument(document.Id, language, document.Text);
        long alone = AnalyzeTextRequestBody.BodyLength(_envelopeLength, 1, payload.Length);
        if (alone > MaxRequestBytes)
        {
            refusal = Invalid(string.Create(
                CultureInfo.InvariantCulture,
                $"Document is {alone:N0} bytes as a request, which exceeds the service's 1 MB ({MaxRequestBytes:N0}-byte) request limit even on its own. The document was not sent."));
            return false;
        }

        prepared = new PreparedDocument(index, document.Id, payload);
        return true;
    }

    /// <summary>Sends one request and fills the results of its documents; returns the model version when it succeeded.</summary>
    private async Task<string?> SendBatchAsync(IReadOnlyList<PreparedDocument> batch, DocumentSentiment[] results, CancellationToken cancellationToken)
    {
        using HttpMessage message = _pipeline.CreateMessage();
        Request request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(_requestUri);
        request.Headers.SetValue("Content-Type", "application/json");
        request.Headers.SetValue("Accept", "application/json");
        request.Content = RequestContent.Create(AnalyzeTextRequestBody.Compose(_opinionMining, batch.Select(document => document.Payload)));

        // Azure.Core throws on transport failures only after its retries; which shape it throws depends on how many
        // attempts failed, so each handler first lets the caller's own cancellation through unchanged.
        try
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Fail(batch, results, AzureLanguageErrorCodes.Timeout, DescribeTimeout(exception));
            return null;
        }
        catch (AggregateException exception)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Exception last = exception.InnerExceptions.Count > 0 ? exception.InnerExceptions[^1] : exception;
            if (last is OperationCanceledException)
            {
                Fail(batch, results, AzureLanguageErrorCodes.Timeout, DescribeTimeout(last));
            }
            else
            {
                Fail(batch, results, AzureLanguageErrorCodes.ServiceError, $"Azure AI Language could not be reached after retries: {FirstLine(last.Message)}");
            }

            return null;
        }
        catch (RequestFailedException exception)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Fail(batch, results, AzureLanguageErrorCodes.ServiceError, $"Azure AI Language could not be reached: {FirstLine(exception.Message)}");
            return null;
        }
        catch (AuthenticationFailedException exception)
        {
            Fail(batch, results, AzureLanguageErrorCodes.ServiceError, $"Could not get a Microsoft Entra ID token for Azure AI Language: {FirstLine(exception.Message)}");
            return null;
        }

        Response response = message.Response;
        if (response.IsError)
        {
            Fail(batch, results, AzureLanguageErrorCodes.ServiceError, DescribeFailedResponse(response));
            return null;
        }

        return ApplyResults(batch, results, response.Content);
    }

    private static string? ApplyResults(IReadOnlyList<PreparedDocument> batch, DocumentSentiment[] results, BinaryData content)
    {
        AnalyzeTextResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(content.ToMemory().Span, AzureLanguageJsonContext.Default.AnalyzeTextResponse);
        }
        catch (JsonException exception)
        {
            Fail(batch, results, AzureLanguageErrorCodes.ServiceError, $"Azure AI Language returned a response that is not the expected JSON ({exception.Message}). Body starts: {Excerpt(content)}");
            return null;
        }

        if (parsed?.Results is not { } sentimentResults)
        {
            Fail(batch, results, AzureLanguageErrorCodes.ServiceError, $"Azure AI Language returned a response without a 'results' object. Body starts: {Excerpt(content)}");
            return null;
        }

        // Batches never repeat an id (BatchPlanner), so the id alone finds the caller's position.
        var pending = batch.ToDictionary(document => document.Id, StringComparer.OrdinalIgnoreCase);
        foreach (WireDocumentSentiment document in sentimentResults.Documents ?? [])
        {
            if (document.Id is not null && pending.Remove(document.Id, out PreparedDocument? sent))
            {
                results[sent.Index] = SentimentResponseMapper.Map(sent.Id, document);
            }
        }

        foreach (WireDocumentError error in sentimentResults.Errors ?? [])
        {
            if (error.Id is not null && pending.Remove(error.Id, out PreparedDocument? sent))
            {
                results[sent.Index] = new DocumentSentiment(sent.Id) { Error = SentimentResponseMapper.MapError(error.Error) };
            }
        }

        foreach (PreparedDocument missing in pending.Values)
        {
            results[missing.Index] = new DocumentSentiment(missing.Id)
            {
                Error = new DocumentError(AzureLanguageErrorCodes.ServiceError, "Azure AI Language returned neither a result nor an error for this document."),
            };
        }

        return sentimentResults.ModelVersion;
    }

    private static string DescribeFailedResponse(Response response)
    {
        string status = string.IsNullOrEmpty(response.ReasonPhrase)
            ? response.Status.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{response.Status} ({response.ReasonPhrase})");

        WireError? error = null;
        try
        {
            error = JsonSerializer.Deserialize(response.Content.ToMemory().Span, AzureLanguageJsonContext.Default.WireErrorResponse)?.Error;
        }
        catch (JsonException)
        {
            // Gateways answer with HTML or empty bodies; the excerpt below says what came back.
        }

        if (error is null)
        {
            return $"Azure AI Language answered HTTP {status}. Body starts: {Excerpt(response.Content)}";
        }

        DocumentError specific = SentimentResponseMapper.MapError(error);
        string codes = error.InnerError?.Code is { Length: > 0 } inner && error.Code is { Length: > 0 } outer ? $"{outer}/{inner}" : specific.Code;
        return $"Azure AI Language answered HTTP {status}, {codes}: {specific.Message}";
    }

    private string DescribeTimeout(Exception exception) => string.Create(
        CultureInfo.InvariantCulture,
        $"Azure AI Language did not answer within the {_timeout.TotalSeconds:0.###} s timeout (Sentiment:AzureLanguage:Timeout), retried up to {_maxRetries} times. {FirstLine(exception.Message)}");

    private static void Fail(IReadOnlyList<PreparedDocument> batch, DocumentSentiment[] results, string code, string message)
    {
        var error = new DocumentError(code, message);
        foreach (PreparedDocument document in batch)
        {
            results[document.Index] = new DocumentSentiment(document.Id) { Error = error };
        }
    }

    private static DocumentError Invalid(string message) => new(AzureLanguageErrorCodes.InvalidDocument, message);

    private static string Excerpt(BinaryData content)
    {
        if (content.ToMemory().IsEmpty)
        {
            return "(empty)";
        }

        string text = Encoding.UTF8.GetString(content.ToMemory().Span[..Math.Min(content.ToMemory().Length, ExcerptLength * 4)]);
        text = text.ReplaceLineEndings(" ");
        return text.Length <= ExcerptLength ? text : string.Concat(text.AsSpan(0, ExcerptLength), "…");
    }

    private static string FirstLine(string message)
    {
        int end = message.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? message : message[..end];
    }
}
