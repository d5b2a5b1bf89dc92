using Azure.Storage.Blobs;
using Chorus.Engine.History;
using Chorus.Engine.Storage;
using Chorus.Engine.TestWorker.Orchestrations;
using Chorus.Orchestration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Chorus.Engine.Tests;

/// <summary>An engine host in the test process on its own task hub, with the sample orchestrations.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly IHost _host;

    private EngineHarness(IHost host, string hub, string connectionString)
    {
        _host = host;
        Hub = hub;
        ConnectionString = connectionString;
        Client = host.Services.GetRequiredService<OrchestrationClient>();
        Store = new InstanceStore(new BlobContainerClient(connectionString, hub));
    }

    public string Hub { get; }

    public string ConnectionString { get; }

    public OrchestrationClient Client { get; }

    public InstanceStore Store { get; }

    public static string NewHub() => "t" + Guid.NewGuid().ToString("N")[..20];

    public static async Task<EngineHarness> StartAsync(
        string connectionString, string? hub = null, TimeProvider? time = null, bool runWorker = true, string workerId = "test-host", Action<IDictionary<string, string?>>? configure = null)
    {
        hub ??= NewHub();
        Dictionary<string, string?> settings = new()
        {
            ["Durable:ConnectionString"] = connectionString,
            ["Durable:HubName"] = hub,
            ["Durable:WorkerId"] = workerId,
            ["Durable:RunWorker"] = runWorker ? "true" : "false",
            ["Durable:PollInterval"] = "00:00:00.100",
            ["Durable:OwnershipDuration"] = "00:00:03",
            ["Durable:MaxFlushDelay"] = "00:00:00.050",
            ["Durable:IdleUnloadAfter"] = "00:00:02",
        };
        configure?.Invoke(settings);
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddFilter(_ => false);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddSampleOrchestrations();
        builder.Services.AddEmbeddedDurableEngine(builder.Configuration);
        IHost host = builder.Build();
        await host.StartAsync();
        return new EngineHarness(host, hub, connectionString);
    }

    public async Task<OrchestrationMetadata> RunAsync(string name, object? input, TimeSpan? timeout = null)
    {
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input);
        return await CompleteAsync(id, timeout);
    }

    public async Task<OrchestrationMetadata> CompleteAsync(string instanceId, TimeSpan? timeout = null)
    {
        using CancellationTokenSource cts = new(timeout ?? TimeSpan.FromSeconds(30));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>Waits until the instance's custom status or status satisfies a condition.</summary>
    public async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            OrchestrationMetadata? metadata = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (metadata is not null && condition(metadata))
            {
                return metadata;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Instance {instanceId} did not reach the expected state; last: {metadata?.RuntimeStatus} {metadata?.SerializedCustomStatus}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Reads an instance's history straight from storage.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string instanceId)
        => (await Store.LoadAsync(instanceId, CancellationToken.None))?.History ?? throw new InvalidOperationException($"No instance {instanceId}");

    public async ValueTask DisposeAsync()
    {
        using CancellationTokenSource cts = new(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // A worker that does not stop in time is abandoned with the host.
        }

        _host.Dispose();
    }
}
