using Chorus.Sentiment.AzureLanguage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chorus.Sentiment;

/// <summary>Registers the sentiment analyzer chosen by <c>Sentiment:Provider</c>.</summary>
public static class SentimentServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISentimentAnalyzer"/> as a singleton: VADER by default, Azure AI Language when
    /// <c>Sentiment:Provider</c> is <c>AzureLanguage</c> (settings under <c>Sentiment:AzureLanguage</c>).
    /// Options are validated when the host starts, so a missing endpoint or key stops start-up with a message
    /// naming the setting instead of failing the first scoring call.
    /// </summary>
    public static IServiceCollection AddChorusSentiment(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SentimentOptions>()
            .Bind(configuration.GetSection(SentimentOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<AzureLanguageOptions>()
            .Bind(configuration.GetSection(AzureLanguageOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureLanguageOptions>, AzureLanguageOptionsValidator>());
        services.TryAddSingleton(CreateAnalyzer);
        return services;
    }

    private static ISentimentAnalyzer CreateAnalyzer(IServiceProvider services)
    {
        SentimentOptions sentiment = services.GetRequiredService<IOptions<SentimentOptions>>().Value;
        if (sentiment.IsAzureLanguage)
        {
            return AzureLanguageSentimentAnalyzer.Create(services.GetRequiredService<IOptions<AzureLanguageOptions>>().Value);
        }

        return new Vader.VaderSentimentAnalyzer();
    }
}
