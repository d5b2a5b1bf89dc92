using System.ComponentModel.DataAnnotations;

namespace Chorus.Sentiment;

/// <summary>Which sentiment analyzer Chorus uses, bound from the <c>Sentiment</c> configuration section.</summary>
public sealed class SentimentOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Sentiment";

    /// <summary>The embedded VADER analyzer: no network, no cost, English social-media text.</summary>
    public const string VaderProvider = "Vader";

    /// <summary>Azure AI Language over REST (see <c>Sentiment:AzureLanguage</c>).</summary>
    public const string AzureLanguageProvider = "AzureLanguage";

    /// <summary>Gets or sets the provider: <see cref="VaderProvider"/> (default) or <see cref="AzureLanguageProvider"/>.</summary>
    /// <remarks>
    /// A string rather than an enum so a typo fails validation with a message naming the valid values, instead
    /// of the configuration binder's generic "failed to convert" error.
    /// </remarks>
    public string Provider { get; set; } = VaderProvider;

    internal bool IsAzureLanguage => string.Equals(Provider, AzureLanguageProvider, StringComparison.OrdinalIgnoreCase);

    internal bool IsVader => string.Equals(Provider, VaderProvider, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsVader && !IsAzureLanguage)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(Provider)} must be '{VaderProvider}' or '{AzureLanguageProvider}' (got '{Provider}').",
                [nameof(Provider)]);
        }
    }
}
