using Azure.Identity;
using Azure.Storage.Blobs;
using Chorus.Engine.Dispatch;
using Chorus.Engine.Storage;
using Chorus.Orchestration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Chorus.Engine;

/// <summary>Adds the embedded durable engine: the hosted engine and an <see cref="OrchestrationClient"/>.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>Adds the engine with options from the <c>Durable</c> section, validated at start.</summary>
    public static IServiceCollection AddEmbeddedDurableEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EngineOptions>()
            .Bind(configuration.GetSection(EngineOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.ConnectionString is not null || o.BlobServiceUri is not null, "Durable:ConnectionString or Durable:BlobServiceUri must be set.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OrchestrationRegistry>();
        services.AddSingleton(sp =>
        {
            EngineOptions options = sp.GetRequiredService<IOptions<EngineOptions>>().Value;
            // A host may register BlobClientOptions (retries, diagnostics, a counting policy in the benchmarks).
            BlobClientOptions? clientOptions = sp.GetService<BlobClientOptions>();
            BlobServiceClient blobs = options.ConnectionString is { } connection
                ? new BlobServiceClient(connection, clientOptions)
                : new BlobServiceClient(options.BlobServiceUri, new DefaultAzureCredential(), clientOptions);
            return new InstanceStore(blobs.GetBlobContainerClient(options.HubName));
        });
        services.AddSingleton<DurableEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<DurableEngine>());
        services.AddSingleton<OrchestrationClient, EmbeddedOrchestrationClient>();
        return services;
    }
}
