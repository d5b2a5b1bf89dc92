using Azure.Identity;
using Chorus.Durable;
using Chorus.LocalComponents;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Durable;

/// <summary>Runs Chorus's orchestrations in this process on the Durable Task Framework's Azure Storage backend.</summary>
internal static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Azure Storage orchestration service, the in-process gRPC sidecar over it, and the Durable Task
    /// SDK's worker (every Chorus orchestrator and activity) and client, all with Chorus's JSON shape.
    /// </summary>
    /// <param name="services">The services to add to.</param>
    /// <param name="configuration">The configuration holding the <c>Durable</c> section.</param>
    /// <param name="addTasks">Registers further orchestrators and activities next to Chorus's own (benchmarks do); none by default.</param>
    /// <param name="runsWork">
    /// False registers the client alone (<see cref="Hosting.SelfHostOptions.RunsWork"/>): the sidecar starts the
    /// orchestration service's dispatchers only when a worker connects, so without one this process takes no partition
    /// and runs nothing, while its client still reads instances and sends them events through the task hub's queues.
    /// </param>
    public static IServiceCollection AddChorusDurableTask(this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry>? addTasks = null, bool runsWork = true)
    {
        services.AddOptions<DurableTaskHubOptions>().Bind(configuration.GetSection(DurableTaskHubOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        // The worker and client need the sidecar's address while services are being registered, before anything starts.
        int configuredPort = configuration.GetValue<int>($"{DurableTaskHubOptions.SectionName}:{nameof(DurableTaskHubOptions.SidecarPort)}");
        SidecarEndpoint endpoint = new(configuredPort > 0 ? configuredPort : LoopbackPort.GetFree());
        services.AddSingleton(endpoint);

        services.AddSingleton<AzureStorageOrchestrationService>(sp => new AzureStorageOrchestrationService(Settings(sp)));
        services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddSingleton<TaskHubSidecar>();
        services.AddHostedService(sp => sp.GetRequiredService<TaskHubSidecar>());

        JsonDataConverter converter = new(DurableJson.Options);
        if (runsWork)
        {
            AddWorker(services, endpoint, converter, addTasks);
        }

        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(endpoint.Address.ToString());
            client.Configure(options => options.DataConverter = converter);
        });
        return services;
    }

    private static void AddWorker(IServiceCollection services, SidecarEndpoint endpoint, JsonDataConverter converter, Action<DurableTaskRegistry>? addTasks)
    {
        services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registry =>
            {
                registry.AddChorusTasks();
                addTasks?.Invoke(registry);
            });
            worker.UseGrpc(endpoint.Address.ToString());
            worker.Configure(options => options.DataConverter = converter);
        });
        services.AddOptions<DurableTaskWorkerOptions>().Configure<IOptions<DurableTaskHubOptions>>((worker, hub) =>
        {
            worker.Concurrency.MaximumConcurrentActivityWorkItems = hub.Value.MaxConcurrentActivities;
            worker.Concurrency.MaximumConcurrentOrchestrationWorkItems = hub.Value.MaxConcurrentOrchestrations;
        });
    }

    private static AzureStorageOrchestrationServiceSettings Settings(IServiceProvider services)
    {
        DurableTaskHubOptions hub = services.GetRequiredService<IOptions<DurableTaskHubOptions>>().Value;
        return new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = string.IsNullOrEmpty(hub.HubName) ? TaskHubName.FromHostJson(AppContext.BaseDirectory) : hub.HubName,
            StorageAccountClientProvider = string.IsNullOrWhiteSpace(hub.ConnectionString)
                ? new StorageAccountClientProvider(hub.AccountName!, new DefaultAzureCredential())
                : new StorageAccountClientProvider(hub.ConnectionString),
            WorkerId = hub.WorkerId,
            PartitionCount = hub.PartitionCount,
            MaxQueuePollingInterval = hub.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = hub.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = hub.WorkItemQueueVisibilityTimeout,
            MaxConcurrentTaskActivityWorkItems = hub.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = hub.MaxConcurrentOrchestrations,
            LoggerFactory = services.GetRequiredService<ILoggerFactory>(),
        };
    }
}
