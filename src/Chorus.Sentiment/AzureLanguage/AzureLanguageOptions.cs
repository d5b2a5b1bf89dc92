namespace Chorus.Sentiment.AzureLanguage;

/// <summary>
/// Settings for the Azure AI Language sentiment analyzer, bound from <c>Sentiment:AzureLanguage</c>.
/// Authenticate with exactly one of <see cref="Key"/> or <see cref="UseManagedIdentity"/>.
/// </summary>
public sealed class AzureLanguageOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = SentimentOptions.SectionName + ":AzureLanguage";

    /// <summary>Gets or sets the resource endpoint, e.g. <c>https://my-language.cognitiveservices.azure.com/</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the resource key, sent as <c>Ocp-Apim-Subscription-Key</c>. Leave empty to use a managed identity.</summary>
    public string? Key { get; set; }

    /// <summary>Gets or sets a value indicating whether to authenticate with a Microsoft Entra ID token from the host's managed identity.</summary>
    public bool UseManagedIdentity { get; set; }

    /// <summary>Gets or sets the client id of a user-assigned managed identity; empty means the system-assigned identity.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Gets or sets the <c>api-version</c> query value.</summary>
    public string ApiVersion { get; set; } = "2024-11-01";

    /// <summary>Gets or sets the ISO 639-1 language sent for documents that do not name one.</summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>Gets or sets a value indicating whether to ask for opinion mining (targets and assessments per sentence).</summary>
    public bool OpinionMining { get; set; } = true;

    /// <summary>Gets or sets how long one attempt may take before it is abandoned (and retried).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many times a throttled (429), failed (5xx) or timed-out request is retried.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the first back-off delay; later ones grow exponentially. A longer <c>Retry-After</c> from the service always wins.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);
}
