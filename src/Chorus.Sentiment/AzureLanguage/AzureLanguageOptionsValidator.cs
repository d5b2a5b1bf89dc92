using Microsoft.Extensions.Options;

namespace Chorus.Sentiment.AzureLanguage;

/// <summary>
/// Checks <see cref="AzureLanguageOptions"/> when Azure AI Language is the configured provider. Settings that are
/// only wrong for Azure must not stop a host that runs VADER, so nothing is checked for other providers.
/// </summary>
internal sealed class AzureLanguageOptionsValidator(IOptions<SentimentOptions> sentimentOptions) : IValidateOptions<AzureLanguageOptions>
{
    private const string Prefix = AzureLanguageOptions.SectionName + ":";
    private const string WhenAzure = " when " + SentimentOptions.SectionName + ":Provider is " + SentimentOptions.AzureLanguageProvider + ".";

    /// <summary>The most retries accepted: beyond this a dead service holds every caller for minutes.</summary>
    internal const int MaxRetriesLimit = 10;

    public ValidateOptionsResult Validate(string? name, AzureLanguageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool isAzureLanguage;
        try
        {
            isAzureLanguage = sentimentOptions.Value.IsAzureLanguage;
        }
        catch (OptionsValidationException)
        {
            // An unknown provider is reported by SentimentOptions' own validation; repeating it here would list it twice.
            return ValidateOptionsResult.Skip;
        }

        if (!isAzureLanguage)
        {
            return ValidateOptionsResult.Skip;
        }

        List<string> failures = [.. Check(options)];
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Returns one message per problem, each naming the configuration key to fix.</summary>
    internal static IEnumerable<string> Check(AzureLanguageOptions options)
    {
        if (options.Endpoint is null)
        {
            yield return $"{Prefix}Endpoint is required{WhenAzure} Use the resource endpoint, e.g. https://<resource>.cognitiveservices.azure.com/.";
        }
        else if (!options.Endpoint.IsAbsoluteUri || (options.Endpoint.Scheme != Uri.UriSchemeHttps && options.Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            yield return $"{Prefix}Endpoint must be an absolute http(s) URI such as https://<resource>.cognitiveservices.azure.com/ (got '{options.Endpoint.OriginalString}').";
        }
        else if (options.UseManagedIdentity && options.Endpoint.Scheme != Uri.UriSchemeHttps)
        {
            // Azure.Core's bearer policy refuses plain HTTP at request time; saying so at start-up is kinder.
            yield return $"{Prefix}Endpoint must use https when {Prefix}UseManagedIdentity is true: Entra ID tokens are never sent over plain HTTP (got '{options.Endpoint.OriginalString}').";
        }

        bool hasKey = !string.IsNullOrWhiteSpace(options.Key);
        if (!hasKey && !options.UseManagedIdentity)
        {
            yield return $"{Prefix}Key is required{WhenAzure} Set it to the resource key, or set {Prefix}UseManagedIdentity to true to authenticate with the host's managed identity.";
        }
        else if (hasKey && options.UseManagedIdentity)
        {
            yield return $"Set only one of {Prefix}Key and {Prefix}UseManagedIdentity: both are set, and it is not clear which credential is meant.";
        }

        if (!string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) && !options.UseManagedIdentity)
        {
            yield return $"{Prefix}ManagedIdentityClientId is set but {Prefix}UseManagedIdentity is false; set UseManagedIdentity to true or remove the client id.";
        }

        if (string.IsNullOrWhiteSpace(options.ApiVersion))
        {
            yield return $"{Prefix}ApiVersion must not be empty (e.g. 2024-11-01).";
        }

        if (string.IsNullOrWhiteSpace(options.DefaultLanguage))
        {
            yield return $"{Prefix}DefaultLanguage must not be empty (an ISO 639-1 code such as 'en').";
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            yield return $"{Prefix}Timeout must be positive (got {options.Timeout}).";
        }

        if (options.MaxRetries is < 0 or > MaxRetriesLimit)
        {
            yield return $"{Prefix}MaxRetries must be between 0 and {MaxRetriesLimit} (got {options.MaxRetries}).";
        }

        if (options.RetryDelay < TimeSpan.Zero)
        {
            yield return $"{Prefix}RetryDelay must not be negative (got {options.RetryDelay}).";
        }
    }
}
