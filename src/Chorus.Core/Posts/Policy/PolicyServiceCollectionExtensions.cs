using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chorus.Posts.Policy;

/// <summary>Registers the staff-post policy checks.</summary>
public static class PolicyServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PolicyEvaluator"/> and one <see cref="IPolicyCheck"/> per rule (see <see cref="PolicyRules"/>),
    /// as singletons configured from the <c>Posts:Policy</c> section. The options are validated when the host starts,
    /// so a bad setting stops start-up with a message naming it instead of failing the first post. Calling this
    /// twice registers nothing more.
    /// </summary>
    public static IServiceCollection AddPostPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(PolicyEvaluator)))
        {
            return services;
        }

        services.AddOptions<PolicyOptions>()
            .Bind(configuration.GetSection(PolicyOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PolicyOptions>>(new PolicyOptionsValidator()));

        // Each check compiles its lists (folded terms, host sets) once, from the options as they were at start-up.
        AddCheck(services, options => new DisclosureCheck(options));
        AddCheck(services, TermsCheck.Banned);
        AddCheck(services, TermsCheck.Confidential);
        AddCheck(services, _ => new PersonalDataCheck());
        AddCheck(services, LinkCheck.Domains);
        AddCheck(services, LinkCheck.Shorteners);
        AddCheck(services, options => new LengthCheck(options));
        AddCheck(services, options => new SentimentCheck(options));
        services.AddSingleton(sp => new ChannelLengths(sp.GetRequiredService<IOptions<PolicyOptions>>().Value));
        services.AddSingleton(sp => new PolicyEvaluator(sp.GetServices<IPolicyCheck>(), sp.GetRequiredService<ILogger<PolicyEvaluator>>()));
        return services;
    }

    private static void AddCheck(IServiceCollection services, Func<PolicyOptions, IPolicyCheck> create) =>
        services.AddSingleton(sp => create(sp.GetRequiredService<IOptions<PolicyOptions>>().Value));
}
