using Chorus.Posts.Publishing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Publishing;

/// <summary>Registers the publishers.</summary>
public static class PublishingServiceCollectionExtensions
{
    /// <summary>A network answering a post with something huge is a fault.</summary>
    private const int MaxResponseBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Registers the <c>Publishing</c> options (validated when the host starts), the publishers' HTTP client with its
    /// resilience pipeline (<see cref="PublishingResilience"/>), and <see cref="IPublisher"/> over one publisher per network.
    /// </summary>
    public static IServiceCollection AddPublishing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddPublishingOptions(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(PublishingHttp.ClientName)
            .ConfigureHttpClient((sp, client) =>
            {
                // The pipeline times each attempt; this bounds all of them, their waits, and reading the body.
                PublishingOptions options = sp.GetRequiredService<IOptions<PublishingOptions>>().Value;
                client.Timeout = (options.HttpTimeout * (options.MaxRetries + 1)) + (options.MaxRetryDelay * options.MaxRetries) + TimeSpan.FromSeconds(30);
                client.MaxResponseContentBufferSize = MaxResponseBytes;
            })
            .AddResilienceHandler(PublishingResilience.PipelineName, (builder, context) => PublishingResilience.Configure(
                builder,
                context.ServiceProvider.GetRequiredService<IOptions<PublishingOptions>>().Value,
                context.ServiceProvider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<PublishingHttp>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INetworkPublisher, MastodonPublisher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INetworkPublisher, BlueskyPublisher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INetworkPublisher, XPublisher>());
        services.TryAddSingleton<IPublisher, NetworkPublisher>();
        return services;
    }
}
