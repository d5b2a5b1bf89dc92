using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chorus.Approvals;

/// <summary>Registers signed approval links.</summary>
public static class ApprovalServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ApprovalLinkOptions"/> from <c>Approvals:Links</c>, validated when the host starts (a missing or
    /// short key stops start-up with a message naming the setting), and registers <see cref="ApprovalTokenSigner"/> as
    /// a singleton and <see cref="TimeProvider.System"/> unless a clock is already registered. The
    /// <see cref="IApprovalLedger"/> is registered by the host that chooses its storage.
    /// </summary>
    public static IServiceCollection AddApprovalLinks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ApprovalLinkOptions>()
            .Bind(configuration.GetSection(ApprovalLinkOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApprovalLinkOptions>, ApprovalLinkOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApprovalTokenSigner>();
        return services;
    }
}
