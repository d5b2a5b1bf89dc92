using Azure;
using Chorus.Sentiment.AzureLanguage;

namespace Chorus.Sentiment.Tests.AzureLanguage;

/// <summary>Analyzers pointed at a fake service, with back-off delays kept tiny so retries cost milliseconds.</summary>
internal static class TestAnalyzers
{
    public const string Key = "0123456789abcdef0123456789abcdef";

    public static AzureLanguageOptions Options(Uri endpoint, Action<AzureLanguageOptions>? configure = null)
    {
        var options = new AzureLanguageOptions
        {
            Endpoint = endpoint,
            Key = Key,
            MaxRetries = 2,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            Timeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        return options;
    }

    public static AzureLanguageSentimentAnalyzer WithKey(FakeLanguageService service, Action<AzureLanguageOptions>? configure = null) =>
        new(Options(service.Endpoint, configure), new AzureKeyCredential(Key));

    public static SentimentDocument[] Numbered(int count, string prefix = "doc") =>
        Enumerable.Range(1, count).Select(i => new SentimentDocument($"{prefix}-{i}", $"Mention number {i} about the new release.")).ToArray();
}
