using Azure.Core;
using Azure.Core.Pipeline;

namespace Chorus.Sentiment.AzureLanguage;

/// <summary>Azure.Core pipeline settings (retries, timeout, logging, transport) derived from <see cref="AzureLanguageOptions"/>.</summary>
internal sealed class AzureLanguageClientOptions : ClientOptions
{
    /// <summary>Builds pipeline options; <paramref name="transport"/> replaces the default HttpClient transport (proxies, test certificates).</summary>
    public static AzureLanguageClientOptions From(AzureLanguageOptions options, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new AzureLanguageClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.NetworkTimeout = options.Timeout;
        clientOptions.Diagnostics.ApplicationId = "Chorus";

        // Document texts are staff posts and customer mentions: personal data that must not land in logs.
        clientOptions.Diagnostics.IsLoggingContentEnabled = false;
        if (transport is not null)
        {
            clientOptions.Transport = transport;
        }

        return clientOptions;
    }
}
