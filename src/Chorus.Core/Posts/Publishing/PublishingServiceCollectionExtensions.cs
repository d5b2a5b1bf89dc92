using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chorus.Posts.Publishing;

/// <summary>Registers the <c>Publishing</c> options, validated when the host starts.</summary>
public static class PublishingServiceCollectionExtensions
{
    /// <summary>Binds <see cref="PublishingOptions"/> from <c>Publishing</c> and checks them at start-up.</summary>
    public static IServiceCollection AddPublishingOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PublishingOptions>().Bind(configuration.GetSection(PublishingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PublishingOptions>, PublishingOptionsValidator>());
        return services;
    }
}
