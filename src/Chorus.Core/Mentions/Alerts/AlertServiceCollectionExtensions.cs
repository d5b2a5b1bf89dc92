using Chorus.Mentions.Triage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chorus.Mentions.Alerts;

/// <summary>Registers spike and sentiment-dip alerts: their settings, the counting hook on recorded mentions, the evaluator and the dispatch.</summary>
public static class AlertServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AlertOptions"/> (from <c>Mentions:Alerts</c>, validated at start), <see cref="AlertTally"/>
    /// as an <see cref="IMentionRecordHook"/>, <see cref="AlertDispatch"/> and <see cref="AlertEvaluator"/>. The host
    /// registers the stores (<see cref="IAlertCounters"/>, <see cref="IAlertLog"/>) and the <see cref="IAlertChart"/>.
    /// </summary>
    public static IServiceCollection AddMentionAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMentionRecordHook, AlertTally>());
        services.TryAddSingleton<AlertDispatch>();
        services.TryAddSingleton<AlertEvaluator>();
        return services;
    }
}
