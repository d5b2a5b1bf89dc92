using Azure.Data.Tables;
using Azure.Identity;
using Chorus.Approvals;
using Chorus.Infrastructure.Approvals;
using Chorus.Infrastructure.Artefacts;
using Chorus.Mentions.Listing;
using Chorus.Posts.Listing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Lists;

/// <summary>Registers the post and mention list indexes and the dashboard's read models, in tables of the artefacts' storage account.</summary>
public static class ListServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPostIndex"/> and <see cref="IMentionIndex"/>, each over its own table
    /// (<c>{Artefacts:TablePrefix}posts</c>, <c>{Artefacts:TablePrefix}mentions</c>, see <see cref="ArtefactStorageOptions"/>);
    /// call after <c>AddBlobArtefacts</c>, whose settings and validation they share. A table of its own for each list
    /// keeps one list's traffic and size off the other's queries. The same instances serve the lists' counters
    /// (<see cref="IPostDays"/>, <see cref="IMentionDays"/>) and the flagged queue (<see cref="IFlaggedMentions"/>), which
    /// they keep in the same writes; <see cref="IWaitingApprovals"/> has a table of its own,
    /// <c>{Artefacts:TablePrefix}waiting</c>.
    /// </summary>
    public static IServiceCollection AddTableLists(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new TablePostIndex(new ListTable(CreateTableClient(sp, "posts"), "posts")));
        services.TryAddSingleton<IPostIndex>(sp => sp.GetRequiredService<TablePostIndex>());
        services.TryAddSingleton<IPostDays>(sp => sp.GetRequiredService<TablePostIndex>());
        services.TryAddSingleton(sp => new TableMentionIndex(new ListTable(CreateTableClient(sp, "mentions"), "mentions")));
        services.TryAddSingleton<IMentionIndex>(sp => sp.GetRequiredService<TableMentionIndex>());
        services.TryAddSingleton<IMentionDays>(sp => sp.GetRequiredService<TableMentionIndex>());
        services.TryAddSingleton<IFlaggedMentions>(sp => sp.GetRequiredService<TableMentionIndex>());
        services.TryAddSingleton<IWaitingApprovals>(sp => new TableWaitingApprovals(CreateTableClient(sp, "waiting"), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }

    // A host may register TableClientOptions (retries, diagnostics), as it may BlobClientOptions for the artefacts.
    private static TableClient CreateTableClient(IServiceProvider services, string list)
        => CreateTableClient(services.GetRequiredService<IOptions<ArtefactStorageOptions>>().Value, list, services.GetService<TableClientOptions>());

    internal static TableClient CreateTableClient(ArtefactStorageOptions options, string list, TableClientOptions? clientOptions = null)
    {
        TableServiceClient tables = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new TableServiceClient(options.ListTableServiceUri, new DefaultAzureCredential(), clientOptions)
            : new TableServiceClient(options.ConnectionString, clientOptions);
        return tables.GetTableClient(options.ListTableName(list));
    }
}
