using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Chorus.Orchestration;

/// <summary>Registers orchestrators and activities by name, for whichever host runs them.</summary>
public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>Registers an orchestrator under <paramref name="name"/> (its class name by default).</summary>
    public static IServiceCollection AddOrchestrator<TOrchestrator>(this IServiceCollection services, string? name = null)
        where TOrchestrator : class, IOrchestrator
    {
        services.TryAddSingleton<OrchestrationRegistry>();
        services.TryAddTransient<TOrchestrator>();
        services.AddSingleton(new OrchestrationRegistration(OrchestrationRegistrationKind.Orchestrator, name ?? typeof(TOrchestrator).Name, typeof(TOrchestrator)));
        return services;
    }

    /// <summary>Registers an activity under <paramref name="name"/> (its class name by default).</summary>
    public static IServiceCollection AddActivity<TActivity>(this IServiceCollection services, string? name = null)
        where TActivity : class, IActivity
    {
        services.TryAddSingleton<OrchestrationRegistry>();
        services.TryAddTransient<TActivity>();
        services.AddSingleton(new OrchestrationRegistration(OrchestrationRegistrationKind.Activity, name ?? typeof(TActivity).Name, typeof(TActivity)));
        return services;
    }
}
