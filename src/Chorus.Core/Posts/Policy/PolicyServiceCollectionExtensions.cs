using Chorus.Mentions.Topics;
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

        // The reality check and the topic index read texts with one extractor, so posts and mentions meet on the same keys.
        // Its complaints come from an ITopicIndex the host registers (the Table one in Chorus.Infrastructure).
        services.AddSingleton(sp => TopicExtractorFor(sp.GetRequiredService<IOptions<PolicyOptions>>().Value));
        services.AddSingleton<IPolicyCheck>(sp => new RealityCheck(sp.GetRequiredService<TopicExtractor>(), sp.GetRequiredService<IOptions<PolicyOptions>>().Value.RealityCheck));
        services.AddSingleton(sp => new ComplaintLookup(
            sp.GetRequiredService<ITopicIndex>(),
            sp.GetRequiredService<TopicExtractor>(),
            sp.GetRequiredService<IOptions<PolicyOptions>>().Value.RealityCheck,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<ComplaintLookup>>()));
        services.AddSingleton(sp => new MentionTopics(
            sp.GetRequiredService<ITopicIndex>(),
            sp.GetRequiredService<TopicExtractor>(),
            sp.GetRequiredService<IOptions<PolicyOptions>>().Value.RealityCheck));
        services.AddSingleton(sp => new ChannelLengths(sp.GetRequiredService<IOptions<PolicyOptions>>().Value));
        services.AddSingleton(sp => new PolicyEvaluator(sp.GetServices<IPolicyCheck>(), sp.GetRequiredService<ILogger<PolicyEvaluator>>()));
        return services;
    }

    /// <summary>The company's own name is in nearly every mention, so it is never a topic; nor are the configured ignored terms.</summary>
    internal static TopicExtractor TopicExtractorFor(PolicyOptions options) => new([options.CompanyName, .. options.RealityCheck.IgnoredTerms]);

    private static void AddCheck(IServiceCollection services, Func<PolicyOptions, IPolicyCheck> create) =>
        services.AddSingleton(sp => create(sp.GetRequiredService<IOptions<PolicyOptions>>().Value));
}
