using System.Diagnostics;
using System.Globalization;
using Chorus.Host.Durable;
using Chorus.LocalComponents;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chorus.Benchmarks.Engine;

/// <summary>
/// The self-host's real orchestration stack on in-memory Azurite: the Durable Task Framework's Azure Storage backend
/// behind the in-process gRPC sidecar, with the Durable Task SDK's worker and client, wired exactly as the self-host
/// wires them (<see cref="DurableTaskServiceCollectionExtensions.AddChorusDurableTask"/>) plus the benchmark's own
/// orchestrations. Five-step sequences across many instances, a long sequence in one instance, fan-out/fan-in and
/// external events, next to the raw blob write rate of the same run.
/// </summary>
/// <remarks>
/// Arguments are configuration overrides, <c>Key=Value</c>: <c>Durable:*</c> settings (for example
/// <c>Durable:MaxQueuePollingInterval=00:00:00.050</c>) and the sizes <c>Bench:Sequences</c>,
/// <c>Bench:SequentialSteps</c>, <c>Bench:FanOuts</c>, <c>Bench:EventInstances</c>, <c>Bench:EventsEach</c>; and
/// <c>Bench:Scenarios</c> (a comma list) to run only some of <c>sequence5,sequential,fanout100,events</c>. One
/// experiment, off by default: <c>Bench:ActivityFetchers=N</c> fetches activity work items with N loops instead of the
/// sidecar's one (see <see cref="InstrumentedOrchestrationService"/>).
/// </remarks>
internal sealed class EngineBenchmark : IBenchmark
{
    private const int Concurrency = 32;

    public string Name => "engine";

    public async Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        Dictionary<string, string?> overrides = Overrides.Parse(args);
        IConfiguration settings = new ConfigurationBuilder().AddInMemoryCollection(overrides).Build();
        string[] scenarios = (settings["Bench:Scenarios"] ?? "sequence5,sequential,fanout100,events").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        output.WriteLine($"machine.load_average: {MachineLoad.Describe()} (1, 5, 15 min; before the run)");
        using HttpRequestMeter meter = new();
        bool first = true;
        foreach (string name in scenarios)
        {
            // Each scenario gets fresh storage and a fresh host. Azurite's queue GC (every 60 s) walks every queue
            // message ever written without yielding its event loop: after a few thousand (one five-step sequence
            // writes 22) Azurite stops answering for tens of seconds, so one scenario's garbage would stall the next.
            await using AzuriteServer azurite = await AzuriteServer.StartAsync(cancellationToken);
            if (first)
            {
                double rawWrites = await StorageBaseline.MeasureWritesPerSecondAsync(azurite.ConnectionString, cancellationToken);
                Figures.Report(output, "storage.blob_writes_per_s", rawWrites, "writes/s");
            }

            using IHost host = await StartHostAsync(azurite.ConnectionString, overrides, cancellationToken);
            InstrumentedOrchestrationService engine = host.Services.GetRequiredService<InstrumentedOrchestrationService>();
            DurableTaskClient client = host.Services.GetRequiredService<DurableTaskClient>();
            if (first)
            {
                DurableTaskHubOptions hub = host.Services.GetRequiredService<IOptions<DurableTaskHubOptions>>().Value;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine.settings: PartitionCount={hub.PartitionCount}, MaxQueuePollingInterval={hub.MaxQueuePollingInterval.TotalMilliseconds} ms, MaxConcurrentOrchestrations={hub.MaxConcurrentOrchestrations}, MaxConcurrentActivities={hub.MaxConcurrentActivities}{Extra(overrides)}"));
            }

            // Warm up the JIT, the connection pools and the partition leases.
            await RunManyAsync(client, engine, 20, nameof(SequenceOrchestrator), 5, cancellationToken);
            if (first)
            {
                await ProbeCompletionWaitAsync(output, client, engine, cancellationToken);
            }

            Ports ports = new(azurite.BlobPort, azurite.QueuePort, azurite.TablePort, host.Services.GetRequiredService<SidecarEndpoint>().Port);
            Scenario scenario = new(output, engine, meter, ports);
            Task run = name switch
            {
                "sequence5" => RunSequencesAsync(output, scenario, client, engine, settings.GetValue("Bench:Sequences", 250), cancellationToken),
                "sequential" => RunSequentialAsync(output, scenario, client, engine, settings.GetValue("Bench:SequentialSteps", 300), cancellationToken),
                "fanout100" => RunFanOutsAsync(output, scenario, client, engine, settings.GetValue("Bench:FanOuts", 5), cancellationToken),
                "events" => RunEventsAsync(output, scenario, client, engine, settings.GetValue("Bench:EventInstances", 20), settings.GetValue("Bench:EventsEach", 50), cancellationToken),
                _ => throw new ArgumentException($"Unknown scenario '{name}' (known: sequence5, sequential, fanout100, events).", nameof(args)),
            };
            await run;
            await host.StopAsync(cancellationToken);
            first = false;
        }

        output.WriteLine($"machine.load_average: {MachineLoad.Describe()} (1, 5, 15 min; after the run)");
    }

    private static async Task RunSequencesAsync(TextWriter output, Scenario scenario, DurableTaskClient client, InstrumentedOrchestrationService engine, int sequences, CancellationToken cancellationToken)
    {
        TimeSpan sequenceTime = await scenario.MeasureAsync("sequence5", "orchestration", sequences,
            () => RunManyAsync(client, engine, sequences, nameof(SequenceOrchestrator), 5, cancellationToken));
        Figures.Report(output, "engine.sequence5.orchestrations_per_s", sequences / sequenceTime.TotalSeconds, "orchestrations/s");
    }

    private static async Task RunSequentialAsync(TextWriter output, Scenario scenario, DurableTaskClient client, InstrumentedOrchestrationService engine, int steps, CancellationToken cancellationToken)
    {
        TimeSpan sequentialTime = await scenario.MeasureAsync("sequential", "activity", steps,
            () => RunManyAsync(client, engine, 1, nameof(SequenceOrchestrator), steps, cancellationToken));
        Figures.Report(output, "engine.sequential.activities_per_s", steps / sequentialTime.TotalSeconds, "activities/s");
        Figures.Report(output, "engine.sequential.seconds", sequentialTime.TotalSeconds, "s");
    }

    private static async Task RunFanOutsAsync(TextWriter output, Scenario scenario, DurableTaskClient client, InstrumentedOrchestrationService engine, int fanOuts, CancellationToken cancellationToken)
    {
        TimeSpan fanOutTime = await scenario.MeasureAsync("fanout100", "activity", fanOuts * 100, async () =>
        {
            for (int i = 0; i < fanOuts; i++)
            {
                await RunManyAsync(client, engine, 1, nameof(FanOutOrchestrator), 100, cancellationToken);
            }
        });
        Figures.Report(output, "engine.fanout100.activities_per_s", fanOuts * 100 / fanOutTime.TotalSeconds, "activities/s");
    }

    private static async Task RunEventsAsync(TextWriter output, Scenario scenario, DurableTaskClient client, InstrumentedOrchestrationService engine, int eventInstances, int eventsEach, CancellationToken cancellationToken)
    {
        List<string> loops = [];
        for (int i = 0; i < eventInstances; i++)
        {
            loops.Add(await client.ScheduleNewOrchestrationInstanceAsync(nameof(EventLoopOrchestrator), eventsEach, cancellationToken));
        }

        foreach (string id in loops)
        {
            while ((await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken))?.RuntimeStatus != OrchestrationRuntimeStatus.Running)
            {
                await Task.Delay(20, cancellationToken);
            }
        }

        int events = eventInstances * eventsEach;
        TimeSpan eventTime = await scenario.MeasureAsync("events", "event", events, async () =>
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, events),
                new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
                async (i, ct) => await client.RaiseEventAsync(loops[i % eventInstances], EventLoopOrchestrator.EventName, 1, ct));
            await WhenAllCompletedAsync(engine, loops, cancellationToken);
        });
        Figures.Report(output, "engine.events_per_s", events / eventTime.TotalSeconds, "events/s");
    }

    /// <summary>
    /// Starts a few one-step instances and compares when each completion is committed with when the SDK's
    /// <c>WaitForInstanceCompletionAsync</c> reports it (the backend's wait polls the instance table).
    /// </summary>
    private static async Task ProbeCompletionWaitAsync(TextWriter output, DurableTaskClient client, InstrumentedOrchestrationService engine, CancellationToken cancellationToken)
    {
        const int probes = 5;
        double[] lags = await Task.WhenAll(Enumerable.Range(0, probes).Select(async _ =>
        {
            string id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(SequenceOrchestrator), 1, cancellationToken);
            Task<DateTime> committed = engine.WhenFinishedAsync(id).ContinueWith(_ => DateTime.UtcNow, cancellationToken, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            using CancellationTokenSource timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, timeout.Token);
            DateTime reported = DateTime.UtcNow;
            return (reported - await committed).TotalMilliseconds;
        }));
        Figures.Report(output, "engine.wait_for_completion_lag_ms", lags.Average(), $"ms mean, {lags.Max():0} ms max over {probes} instances (WaitForInstanceCompletionAsync after the committed completion)");
    }

    private static async Task RunManyAsync(DurableTaskClient client, InstrumentedOrchestrationService engine, int count, string name, int input, CancellationToken cancellationToken)
    {
        string[] ids = new string[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, ct) => ids[i] = await client.ScheduleNewOrchestrationInstanceAsync(name, input, ct));
        await WhenAllCompletedAsync(engine, ids, cancellationToken);
    }

    private static async Task WhenAllCompletedAsync(InstrumentedOrchestrationService engine, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        OrchestrationStatus[] statuses = await Task.WhenAll(ids.Select(engine.WhenFinishedAsync)).WaitAsync(TimeSpan.FromMinutes(10), cancellationToken);
        int failed = statuses.Count(s => s != OrchestrationStatus.Completed);
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} of {statuses.Length} instances did not complete.");
        }
    }

    private static async Task<IHost> StartHostAsync(string connectionString, Dictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Durable:ConnectionString"] = connectionString,
            ["Durable:HubName"] = "bench",
            ["Durable:WorkerId"] = "bench",
        });
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.ClearProviders();

        // The self-host's own Durable wiring, with the benchmark's orchestrations registered next to Chorus's.
        builder.Services.AddChorusDurableTask(builder.Configuration, BenchmarkOrchestrations.AddTo);

        // The sidecar takes the orchestration service from IOrchestrationService: hand it the measuring pass-through.
        int activityFetchers = builder.Configuration.GetValue("Bench:ActivityFetchers", 1);
        builder.Services.AddSingleton(sp => new InstrumentedOrchestrationService(sp.GetRequiredService<AzureStorageOrchestrationService>(), activityFetchers));
        builder.Services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<InstrumentedOrchestrationService>());
        IHost host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    private static string Extra(Dictionary<string, string?> overrides)
    {
        string[] extra = [.. overrides.Where(o => !o.Key.StartsWith("Bench:", StringComparison.OrdinalIgnoreCase)).Select(o => $"{o.Key}={o.Value}")];
        return extra.Length == 0 ? string.Empty : " (overrides: " + string.Join(", ", extra) + ")";
    }

    private sealed record Ports(int Blob, int Queue, int Table, int Sidecar);

    /// <summary>Times one scenario and reports where its work items spent their time and which requests they made.</summary>
    private sealed class Scenario(TextWriter output, InstrumentedOrchestrationService engine, HttpRequestMeter meter, Ports ports)
    {
        public async Task<TimeSpan> MeasureAsync(string name, string unit, int units, Func<Task> run)
        {
            engine.Phases.Reset();
            meter.TakeSlow();
            Dictionary<(int Port, string Method), (long Count, double Seconds)> before = meter.Snapshot();
            Stopwatch clock = Stopwatch.StartNew();
            await run();
            clock.Stop();
            Dictionary<(int Port, string Method), (long Count, double Seconds)> after = meter.Snapshot();
            (long Count, double LongestSeconds) slow = meter.TakeSlow();
            EnginePhases phases = engine.Phases;
            string prefix = $"engine.{name}.";
            Figures.Report(output, prefix + "turns_per_" + unit, phases.TurnExecute.Count / (double)units, "orchestration turns");
            Figures.Report(output, prefix + "orchestration_pickup_ms", phases.OrchestrationPickup.MeanMilliseconds, "ms (message sent -> turn locked: control-queue polling, read, history load)");
            Figures.Report(output, prefix + "turn_execute_ms", phases.TurnExecute.MeanMilliseconds, "ms (turn locked -> actions back: gRPC to the worker and replay)");
            Figures.Report(output, prefix + "turn_commit_ms", phases.TurnCommit.MeanMilliseconds, "ms (history + instance table writes, outbound messages, input deletes)");
            if (phases.ActivityExecute.Count > 0)
            {
                Figures.Report(output, prefix + "activity_pickup_ms", phases.ActivityPickup.MeanMilliseconds, "ms (scheduling commit started -> activity locked: work-item queue polling)");
                Figures.Report(output, prefix + "activity_execute_ms", phases.ActivityExecute.MeanMilliseconds, "ms (activity locked -> result back: gRPC to the worker)");
                Figures.Report(output, prefix + "activity_commit_ms", phases.ActivityCommit.MeanMilliseconds, "ms (result to the control queue, work item deleted)");
            }

            foreach ((string service, int port) in new[] { ("table", ports.Table), ("queue", ports.Queue), ("blob", ports.Blob), ("grpc", ports.Sidecar) })
            {
                (long writes, long reads, double meanMs) = HttpRequestMeter.Between(before, after, port);
                Figures.Report(output, $"{prefix}{service}_requests_per_{unit}", (writes + reads) / (double)units,
                    string.Create(CultureInfo.InvariantCulture, $"requests ({writes / (double)units:0.##} writes, {reads / (double)units:0.##} reads; {meanMs:0.#} ms each)"));
            }

            if (slow.Count > 0)
            {
                Figures.Report(output, prefix + "storage_stalls", slow.Count, string.Create(CultureInfo.InvariantCulture, $"requests took over {HttpRequestMeter.SlowThreshold.TotalSeconds:0} s (the longest {slow.LongestSeconds:0.#} s): the figures above include a stall"));
            }

            if (Interlocked.Read(ref phases.Abandoned) > 0)
            {
                Figures.Report(output, prefix + "abandoned_work_items", phases.Abandoned, "work items");
            }

            return clock.Elapsed;
        }
    }
}
