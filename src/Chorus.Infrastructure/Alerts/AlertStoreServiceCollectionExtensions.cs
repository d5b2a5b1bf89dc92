using Azure.Data.Tables;
using Chorus.Infrastructure.Artefacts;
using Chorus.Infrastructure.Lists;
using Chorus.Mentions.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Alerts;

/// <summary>Registers the alert stores in Table storage and the chart.</summary>
public static class AlertStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAlertCounters"/> and <see cref="IAlertLog"/> over their own tables
    /// (<c>{Artefacts:TablePrefix}alertcounts</c>, <c>{Artefacts:TablePrefix}alerts</c>, in the artefacts' storage
    /// account, as the list indexes are) and <see cref="IAlertChart"/>; call after <c>AddBlobArtefacts</c>.
    /// </summary>
    public static IServiceCollection AddTableAlerts(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IAlertCounters>(sp => new TableAlertCounters(CreateTableClient(sp, "alertcounts")));
        services.TryAddSingleton<IAlertLog>(sp => new TableAlertLog(CreateTableClient(sp, "alerts")));
        services.TryAddSingleton<IAlertChart, ScottPlotAlertChart>();
        return services;
    }

    private static TableClient CreateTableClient(IServiceProvider services, string table)
        => ListServiceCollectionExtensions.CreateTableClient(services.GetRequiredService<IOptions<ArtefactStorageOptions>>().Value, table, services.GetService<TableClientOptions>());
}
