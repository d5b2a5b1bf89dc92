using System.Security.Cryptography.X509Certificates;
using Azure;
using Azure.Core.Pipeline;
using Azure.Identity;
using Chorus.Sentiment.AzureLanguage;

namespace Chorus.Sentiment.Tests.AzureLanguage;

public sealed class AzureLanguageAuthenticationTests
{
    [Fact]
    public async Task The_key_is_sent_in_the_subscription_key_header_and_nothing_else_authenticates()
    {
        await using FakeLanguageService service = await FakeLanguageService.StartAsync();

        await TestAnalyzers.WithKey(service).AnalyzeAsync(TestAnalyzers.Numbered(1));

        RecordedRequest request = Assert.Single(service.Requests);
        Assert.Equal(TestAnalyzers.Key, request.Headers["Ocp-Apim-Subscription-Key"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task A_rotated_key_is_used_from_the_next_request_on()
    {
        await using FakeLanguageService service = await FakeLanguageService.StartAsync();
        var credential = new AzureKeyCredential("old-key");
        var analyzer = new AzureLanguageSentimentAnalyzer(TestAnalyzers.Options(service.Endpoint), credential);

        await analyzer.AnalyzeAsync(TestAnalyzers.Numbered(1));
        credential.Update("new-key");
        await analyzer.AnalyzeAsync(TestAnalyzers.Numbered(1));

        Assert.Equal(["old-key", "new-key"], service.Requests.Select(request => request.Headers["Ocp-Apim-Subscription-Key"]));
    }

    [Fact]
    public async Task A_token_credential_sends_a_bearer_token_for_the_cognitive_services_scope_over_https()
    {
        using X509Certificate2 certificate = LoopbackCertificate.Create();
        await using FakeLanguageService service = await FakeLanguageService.StartAsync(certificate);
        using HttpClientTransport transport = LoopbackCertificate.TrustingTransport(certificate);
        var credential = new RecordingTokenCredential("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test.token");
        AzureLanguageOptions options = TestAnalyzers.Options(service.Endpoint, options =>
        {
            options.Key = null;
            options.UseManagedIdentity = true;
        });
        var analyzer = new AzureLanguageSentimentAnalyzer(options, credential, transport);

        SentimentBatchResult result = await analyzer.AnalyzeAsync(TestAnalyzers.Numbered(2));

        Assert.Equal(Uri.UriSchemeHttps, service.Endpoint.Scheme);
        Assert.All(result.Documents, document => Assert.Null(document.Error));
        RecordedRequest request = Assert.Single(service.Requests);
        Assert.Equal("Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test.token", request.Headers["Authorization"]);
        Assert.False(request.Headers.ContainsKey("Ocp-Apim-Subscription-Key"));
        Assert.Equal(["https://cognitiveservices.azure.com/.default"], Assert.Single(credential.RequestedScopes));
    }

    [Fact]
    public async Task A_credential_that_cannot_get_a_token_fails_the_documents_without_sending_them()
    {
        using X509Certificate2 certificate = LoopbackCertificate.Create();
        await using FakeLanguageService service = await FakeLanguageService.StartAsync(certificate);
        using HttpClientTransport transport = LoopbackCertificate.TrustingTransport(certificate);
        var credential = new RecordingTokenCredential(
            "unused",
            new CredentialUnavailableException("ManagedIdentityCredential authentication unavailable. No response received from the managed identity endpoint."));
        var analyzer = new AzureLanguageSentimentAnalyzer(TestAnalyzers.Options(service.Endpoint), credential, transport);

        SentimentBatchResult result = await analyzer.AnalyzeAsync(TestAnalyzers.Numbered(2));

        Assert.Empty(service.Requests);
        Assert.All(result.Documents, document =>
        {
            Assert.Equal("ServiceError", document.Error?.Code);
            Assert.Contains("No response received from the managed identity endpoint", document.Error?.Message, StringComparison.Ordinal);
        });
    }
}
