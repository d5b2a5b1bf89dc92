using System.Net;
using Chorus.Mentions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Mentions;

/// <summary>Registers the mention sources.</summary>
public static class MentionServiceCollectionExtensions
{
    /// <summary>A feed or API answering with something huge is a fault, not a reason to run out of memory.</summary>
    private const int MaxResponseBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Registers the <c>Mentions</c> options, the sources' HTTP client with its resilience pipeline
    /// (<see cref="MentionsResilienceOptions"/>), a <see cref="MentionSourceFactory"/>, and
    /// <see cref="IEnumerable{T}"/> of <see cref="IMentionSource"/>: one connector per enabled source. The options are
    /// validated when the host starts, so a source missing its token stops start-up with a message naming the setting
    /// instead of failing its first poll.
    /// </summary>
    public static IServiceCollection AddMentionSources(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<MentionsOptions>()
            .Bind(configuration.GetSection(MentionsOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MentionsOptions>>(new MentionsOptionsValidator()));
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(SourceHttp.ClientName)
            .ConfigureHttpClient((sp, client) =>
            {
                // The pipeline times each attempt and the whole; this covers reading the body after the headers came.
                client.Timeout = sp.GetRequiredService<IOptions<MentionsOptions>>().Value.Resilience.TotalTimeout;
                client.MaxResponseContentBufferSize = MaxResponseBytes;
            })
            .UseSocketsHttpHandler((handler, _) => handler.AutomaticDecompression = DecompressionMethods.All)
            .AddResilienceHandler(SourceResilience.PipelineName, (builder, context) => SourceResilience.Configure(
                builder,
                context.ServiceProvider.GetRequiredService<IOptions<MentionsOptions>>().Value,
                context.ServiceProvider.GetRequiredService<TimeProvider>()))
            .SelectPipelineByAuthority();

        services.TryAddSingleton(sp => new MentionSourceFactory(
            sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>()));

        // Registered as the enumerable itself: the set of sources is decided by configuration, not by registrations.
        services.TryAddSingleton<IEnumerable<IMentionSource>>(sp =>
            sp.GetRequiredService<MentionSourceFactory>().CreateAll(sp.GetRequiredService<IOptions<MentionsOptions>>().Value));
        return services;
    }
}
