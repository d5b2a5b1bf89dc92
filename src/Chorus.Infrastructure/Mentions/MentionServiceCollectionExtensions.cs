using Chorus.Mentions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Mentions;

/// <summary>Registers the mention sources.</summary>
public static class MentionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>Mentions</c> options, a <see cref="MentionSourceFactory"/> over one shared HTTP client, and
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
        services.TryAddSingleton(sp => MentionSourceFactory.CreateWithOwnClient(
            sp.GetRequiredService<IOptions<MentionsOptions>>().Value.HttpTimeout, sp.GetRequiredService<TimeProvider>()));

        // Registered as the enumerable itself: the set of sources is decided by configuration, not by registrations.
        services.TryAddSingleton<IEnumerable<IMentionSource>>(sp =>
            sp.GetRequiredService<MentionSourceFactory>().CreateAll(sp.GetRequiredService<IOptions<MentionsOptions>>().Value));
        return services;
    }
}
