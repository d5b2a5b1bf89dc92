using Chorus.Sentiment.AzureLanguage;
using Microsoft.Extensions.Options;

namespace Chorus.Sentiment.Tests.AzureLanguage;

public sealed class AzureLanguageOptionsValidationTests
{
    private static readonly Uri Endpoint = new("https://chorus-language.cognitiveservices.azure.com/");

    [Fact]
    public void Endpoint_and_key_are_enough()
    {
        Assert.True(Validate(new AzureLanguageOptions { Endpoint = Endpoint, Key = "k" }).Succeeded);
    }

    [Fact]
    public void Endpoint_and_managed_identity_are_enough()
    {
        Assert.True(Validate(new AzureLanguageOptions { Endpoint = Endpoint, UseManagedIdentity = true, ManagedIdentityClientId = "6f1b4a52-7f3e-4c2a-9d7e-0c3b9a1e2f40" }).Succeeded);
    }

    [Fact]
    public void A_missing_endpoint_names_the_setting_and_the_provider()
    {
        ValidateOptionsResult result = Validate(new AzureLanguageOptions { Key = "k" });

        string failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Sentiment:AzureLanguage:Endpoint is required when Sentiment:Provider is AzureLanguage.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_endpoint_is_refused()
    {
        ValidateOptionsResult result = Validate(new AzureLanguageOptions { Endpoint = new Uri("chorus-language", UriKind.Relative), Key = "k" });

        Assert.Contains("Sentiment:AzureLanguage:Endpoint must be an absolute http(s) URI", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_key_nor_managed_identity_is_refused()
    {
        ValidateOptionsResult result = Validate(new AzureLanguageOptions { Endpoint = Endpoint });

        Assert.StartsWith("Sentiment:AzureLanguage:Key is required when Sentiment:Provider is AzureLanguage.", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Both_key_and_managed_identity_is_refused()
    {
        ValidateOptionsResult result = Validate(new AzureLanguageOptions { Endpoint = Endpoint, Key = "k", UseManagedIdentity = true });

        Assert.StartsWith("Set only one of Sentiment:AzureLanguage:Key and Sentiment:AzureLanguage:UseManagedIdentity", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Managed_identity_over_plain_http_is_refused()
    {
        ValidateOptionsResult result = Validate(new AzureLanguageOptions { Endpoint = new Uri("http://localhost:5000/"), UseManagedIdentity = true });

        Assert.Contains("Sentiment:AzureLanguage:Endpoint must use https when Sentiment:AzureLanguage:UseManagedIdentity is true", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_id_without_managed_identity_is_refused()
    {
        ValidateOptionsResult result = Validate(new AzureLanguageOptions { Endpoint = Endpoint, Key = "k", ManagedIdentityClientId = "abc" });

        Assert.Contains("Sentiment:AzureLanguage:ManagedIdentityClientId is set but", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_numbers_and_blank_strings_are_each_reported()
    {
        ValidateOptionsResult result = Validate(new AzureLanguageOptions
        {
            Endpoint = Endpoint,
            Key = "k",
            ApiVersion = " ",
            DefaultLanguage = string.Empty,
            Timeout = TimeSpan.Zero,
            MaxRetries = 11,
            RetryDelay = TimeSpan.FromSeconds(-1),
        });

        Assert.Collection(
            result.Failures!,
            failure => Assert.StartsWith("Sentiment:AzureLanguage:ApiVersion must not be empty", failure, StringComparison.Ordinal),
            failure => Assert.StartsWith("Sentiment:AzureLanguage:DefaultLanguage must not be empty", failure, StringComparison.Ordinal),
            failure => Assert.StartsWith("Sentiment:AzureLanguage:Timeout must be positive", failure, StringComparison.Ordinal),
            failure => Assert.StartsWith("Sentiment:AzureLanguage:MaxRetries must be between 0 and 10 (got 11)", failure, StringComparison.Ordinal),
            failure => Assert.StartsWith("Sentiment:AzureLanguage:RetryDelay must not be negative", failure, StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_is_checked_when_another_provider_is_configured()
    {
        var validator = new AzureLanguageOptionsValidator(Options.Create(new SentimentOptions { Provider = SentimentOptions.VaderProvider }));

        Assert.True(validator.Validate(Options.DefaultName, new AzureLanguageOptions()).Skipped);
    }

    [Fact]
    public void Defaults_match_the_documented_service_settings()
    {
        var options = new AzureLanguageOptions();

        Assert.Equal("2024-11-01", options.ApiVersion);
        Assert.Equal("en", options.DefaultLanguage);
        Assert.True(options.OpinionMining);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Equal(3, options.MaxRetries);
    }

    private static ValidateOptionsResult Validate(AzureLanguageOptions options) =>
        new AzureLanguageOptionsValidator(Options.Create(new SentimentOptions { Provider = SentimentOptions.AzureLanguageProvider }))
            .Validate(Options.DefaultName, options);
}
