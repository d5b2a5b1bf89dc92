using Azure.Identity;
using Azure.Storage.Blobs;
using Chorus.Artefacts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Artefacts;

/// <summary>Registers the Blob Storage artefact store.</summary>
public static class ArtefactServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IArtefactStore"/> as a singleton over the container named by the <c>Artefacts</c>
    /// section. The options are validated when the host starts, so a missing account stops start-up with a message
    /// naming the setting instead of failing the first write.
    /// </summary>
    public static IServiceCollection AddBlobArtefacts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ArtefactStorageOptions>()
            .Bind(configuration.GetSection(ArtefactStorageOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ArtefactStorageOptions>>(new ArtefactStorageOptionsValidator()));
        services.TryAddSingleton(sp =>

            // A host may register BlobClientOptions (retries, diagnostics), as it may for the engine.
            new ArtefactContainer(CreateContainerClient(sp.GetRequiredService<IOptions<ArtefactStorageOptions>>().Value, sp.GetService<BlobClientOptions>())));
        services.TryAddSingleton<IArtefactStore>(sp => new BlobArtefactStore(sp.GetRequiredService<ArtefactContainer>().Client));
        return services;
    }

    internal static BlobContainerClient CreateContainerClient(ArtefactStorageOptions options, BlobClientOptions? clientOptions = null)
    {
        BlobServiceClient blobs = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(options.BlobServiceUri, new DefaultAzureCredential(), clientOptions)
            : new BlobServiceClient(options.ConnectionString, clientOptions);
        return blobs.GetBlobContainerClient(options.ContainerName);
    }
}
