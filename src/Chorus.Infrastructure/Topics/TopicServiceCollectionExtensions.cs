using Azure.Data.Tables;
using Chorus.Infrastructure.Artefacts;
using Chorus.Infrastructure.Lists;
using Chorus.Mentions.Topics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Topics;

/// <summary>Registers the topic index the reality check reads, in a table of the artefacts' storage account.</summary>
public static class TopicServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ITopicIndex"/> over the table <c>{Artefacts:TablePrefix}topics</c> (see
    /// <see cref="ArtefactStorageOptions"/>); call after <c>AddBlobArtefacts</c>, whose settings and validation it shares.
    /// </summary>
    public static IServiceCollection AddTableTopicIndex(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ITopicIndex>(sp => new TableTopicIndex(
            ListServiceCollectionExtensions.CreateTableClient(sp.GetRequiredService<IOptions<ArtefactStorageOptions>>().Value, "topics", sp.GetService<TableClientOptions>()),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
