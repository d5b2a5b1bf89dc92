using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Storage.Blobs;
using Chorus.Engine;
using Chorus.Engine.Dispatch;
using Chorus.Engine.TestWorker.Orchestrations;
using Chorus.LocalComponents;
using Chorus.Orchestration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Chorus.Benchmarks.Engine;

/// <summary>
/// The embedded engine's throughput on in-memory Azurite: five-step sequences across many instances, a long
/// sequence in one instance, fan-out/fan-in, and external events; next to the raw blob write rate of the same run.
/// </summary>
internal sealed class EngineBenchmark : IBenchmark
{
    public string Name => "engine";

    public async Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        await using AzuriteServer azurite = await AzuriteServer.StartAsync(cancellationToken);
        double rawWrites = await StorageBaseline.MeasureWritesPerSecondAsync(azurite.ConnectionString, cancellationToken);
        Report(output, "storage.blob_writes_per_s", rawWrites, "writes/s");

        RequestCounter counter = new();
        using IHost host = await StartHostAsync(azurite.ConnectionString, counter, cancellationToken);
        DurableEngine engine = host.Services.GetRequiredService<DurableEngine>();
        OrchestrationClient client = host.Services.GetRequiredService<OrchestrationClient>();
        ConcurrentDictionary<string, TaskCompletionSource> completions = new();
        engine.InstanceCompleted += id => completions.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        Task Completion(string id) => completions.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        // Warm up the JIT and the connection pool.
        await RunManyAsync(client, Completion, 50, nameof(SequenceOrchestrator), new SequenceInput(5), cancellationToken);

        const int sequences = 1000;
        long writesBefore = counter.Writes;
        long readsBefore = counter.Reads;
        TimeSpan sequenceTime = await RunManyAsync(client, Completion, sequences, nameof(SequenceOrchestrator), new SequenceInput(5), cancellationToken);
        double writesPerOrchestration = (counter.Writes - writesBefore) / (double)sequences;
        Report(output, "engine.sequence5.orchestrations_per_s", sequences / sequenceTime.TotalSeconds, "orchestrations/s");
        Report(output, "engine.sequence5.blob_writes_per_orchestration", writesPerOrchestration, "writes");
        Report(output, "engine.sequence5.blob_reads_per_orchestration", (counter.Reads - readsBefore) / (double)sequences, "reads");

        const int steps = 2000;
        TimeSpan sequentialTime = await RunManyAsync(client, Completion, 1, nameof(SequenceOrchestrator), new SequenceInput(steps), cancellationToken);
        Report(output, "engine.sequential.activities_per_s", steps / sequentialTime.TotalSeconds, "activities/s");

        const int fanOuts = 10;
        Stopwatch fanOutClock = Stopwatch.StartNew();
        for (int i = 0; i < fanOuts; i++)
        {
            await RunManyAsync(client, Completion, 1, nameof(FanOutOrchestrator), 100, cancellationToken);
        }

        Report(output, "engine.fanout100.activities_per_s", fanOuts * 100 / fanOutClock.Elapsed.TotalSeconds, "activities/s");

        const int eventInstances = 20;
        const int eventsEach = 100;
        List<string> loops = [];
        for (int i = 0; i < eventInstances; i++)
        {
            loops.Add(await client.ScheduleNewOrchestrationInstanceAsync(nameof(EventLoopOrchestrator), eventsEach, cancellation: cancellationToken));
        }

        foreach (string id in loops)
        {
            while ((await client.GetInstanceAsync(id, cancellation: cancellationToken))?.RuntimeStatus != OrchestrationRuntimeStatus.Running)
            {
                await Task.Delay(10, cancellationToken);
            }
        }

        Stopwatch eventClock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, eventInstances * eventsEach),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (i, ct) => await client.RaiseEventAsync(loops[i % eventInstances], "item", 1, ct));
        await Task.WhenAll(loops.Select(Completion)).WaitAsync(cancellationToken);
        Report(output, "engine.events_per_s", eventInstances * eventsEach / eventClock.Elapsed.TotalSeconds, "events/s");

        await host.StopAsync(cancellationToken);
    }

    private static async Task<TimeSpan> RunManyAsync(OrchestrationClient client, Func<string, Task> completion, int count, string name, object input, CancellationToken cancellationToken)
    {
        Stopwatch clock = Stopwatch.StartNew();
        string[] ids = new string[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (i, ct) => ids[i] = await client.ScheduleNewOrchestrationInstanceAsync(name, input, cancellation: ct));
        await Task.WhenAll(ids.Select(completion)).WaitAsync(TimeSpan.FromMinutes(10), cancellationToken);
        return clock.Elapsed;
    }

    private static async Task<IHost> StartHostAsync(string connectionString, RequestCounter counter, CancellationToken cancellationToken)
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Durable:ConnectionString"] = connectionString,
            ["Durable:HubName"] = "bench",
            ["Durable:WorkerId"] = "bench",
        });
        builder.Logging.AddFilter(_ => false);
        BlobClientOptions blobOptions = new();
        blobOptions.AddPolicy(counter, HttpPipelinePosition.PerCall);
        builder.Services.AddSingleton(blobOptions);
        builder.Services.AddSampleOrchestrations();
        builder.Services.AddEmbeddedDurableEngine(builder.Configuration);
        IHost host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    private static void Report(TextWriter output, string metric, double value, string unit)
        => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{metric}: {value:0.#} {unit}"));
}
