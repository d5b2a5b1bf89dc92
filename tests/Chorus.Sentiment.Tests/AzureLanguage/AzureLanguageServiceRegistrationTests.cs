using Chorus.Sentiment.AzureLanguage;
using Chorus.Sentiment.Vader;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chorus.Sentiment.Tests.AzureLanguage;

/// <summary><c>AddChorusSentiment</c>: provider choice and start-up validation, as a host would see them.</summary>
public sealed class AzureLanguageServiceRegistrationTests
{
    [Fact]
    public async Task AzureLanguage_provider_registers_a_working_azure_analyzer_bound_from_configuration()
    {
        await using FakeLanguageService service = await FakeLanguageService.StartAsync();
        using ServiceProvider provider = Build(new()
        {
            ["Sentiment:Provider"] = "AzureLanguage",
            ["Sentiment:AzureLanguage:Endpoint"] = service.Endpoint.AbsoluteUri,
            ["Sentiment:AzureLanguage:Key"] = "configured-key",
            ["Sentiment:AzureLanguage:ApiVersion"] = "2023-04-01",
            ["Sentiment:AzureLanguage:DefaultLanguage"] = "de",
            ["Sentiment:AzureLanguage:OpinionMining"] = "false",
            ["Sentiment:AzureLanguage:Timeout"] = "00:00:05",
            ["Sentiment:AzureLanguage:MaxRetries"] = "1",
            ["Sentiment:AzureLanguage:RetryDelay"] = "00:00:00.010",
        });
        provider.GetRequiredService<IStartupValidator>().Validate();

        ISentimentAnalyzer analyzer = provider.GetRequiredService<ISentimentAnalyzer>();
        SentimentBatchResult result = await analyzer.AnalyzeAsync([new("x", "Der Kundendienst war hervorragend.")]);

        Assert.IsType<AzureLanguageSentimentAnalyzer>(analyzer);
        Assert.Same(analyzer, provider.GetRequiredService<ISentimentAnalyzer>());
        Assert.Equal("azure-language", result.Analyzer);
        Assert.Null(result.Documents[0].Error);
        RecordedRequest request = Assert.Single(service.Requests);
        Assert.Equal("configured-key", request.Headers["Ocp-Apim-Subscription-Key"]);
        Assert.Equal("?api-version=2023-04-01", request.Query);
        Assert.Equal("de", request.Documents[0].Language);
    }

    [Fact]
    public void The_provider_name_is_case_insensitive()
    {
        using ServiceProvider provider = Build(new()
        {
            ["Sentiment:Provider"] = "azurelanguage",
            ["Sentiment:AzureLanguage:Endpoint"] = "https://chorus-language.cognitiveservices.azure.com/",
            ["Sentiment:AzureLanguage:UseManagedIdentity"] = "true",
        });
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.IsType<AzureLanguageSentimentAnalyzer>(provider.GetRequiredService<ISentimentAnalyzer>());
    }

    [Fact]
    public void Without_configuration_the_provider_is_vader_and_azure_settings_are_not_required()
    {
        using ServiceProvider provider = Build([]);
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.IsType<VaderSentimentAnalyzer>(provider.GetRequiredService<ISentimentAnalyzer>());
    }

    [Fact]
    public void Vader_provider_registers_vader()
    {
        using ServiceProvider provider = Build(new() { ["Sentiment:Provider"] = "Vader" });
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.IsType<VaderSentimentAnalyzer>(provider.GetRequiredService<ISentimentAnalyzer>());
    }

    [Fact]
    public void An_unknown_provider_fails_start_up_naming_the_valid_ones()
    {
        using ServiceProvider provider = Build(new() { ["Sentiment:Provider"] = "Bert" });

        OptionsValidationException exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Sentiment:Provider must be 'Vader' or 'AzureLanguage' (got 'Bert').", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AzureLanguage_without_endpoint_or_credentials_fails_start_up_with_every_problem()
    {
        using ServiceProvider provider = Build(new() { ["Sentiment:Provider"] = "AzureLanguage" });

        OptionsValidationException exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Sentiment:AzureLanguage:Endpoint is required when Sentiment:Provider is AzureLanguage.", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Sentiment:AzureLanguage:Key is required when Sentiment:Provider is AzureLanguage.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolving_the_analyzer_without_start_up_validation_still_reports_the_bad_settings()
    {
        using ServiceProvider provider = Build(new()
        {
            ["Sentiment:Provider"] = "AzureLanguage",
            ["Sentiment:AzureLanguage:Key"] = "k",
        });

        OptionsValidationException exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ISentimentAnalyzer>());
        Assert.Contains("Sentiment:AzureLanguage:Endpoint is required", exception.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddChorusSentiment(configuration).BuildServiceProvider();
    }
}
