using Chorus.Engine.History;
using Chorus.Engine.TestWorker.Orchestrations;
using Chorus.Orchestration;

namespace Chorus.Engine.Tests;

/// <summary>Kill -9 a real host process mid-run and start it again; and two processes on one store.</summary>
[Collection(ProcessCollection.Name)]
public sealed class CrashRecoveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Killed_mid_run_every_instance_resumes_without_lost_or_doubled_history()
    {
        string hub = EngineHarness.NewHub();
        await using EngineHarness client = await EngineHarness.StartAsync(azurite.ConnectionString, hub, runWorker: false, workerId: "client");
        WorkerProcess worker = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, "crashy");

        List<string> sequences = [];
        for (int i = 0; i < 8; i++)
        {
            sequences.Add(await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SequenceOrchestrator), new SequenceInput(12, Slow: true)));
        }

        string waiting = await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForEventOrchestrator), "answer");
        string sleeping = await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TimerOrchestrator), 3.0);
        await client.WaitUntilAsync(sequences[^1], m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await client.WaitUntilAsync(waiting, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await Task.Delay(700);

        await worker.KillAsync();
        IReadOnlyList<HistoryEvent> before = await client.HistoryAsync(sequences[0]);
        await client.Client.RaiseEventAsync(waiting, "answer", "raised while the host was down");
        await Task.Delay(3500); // the timer falls due while nobody runs

        await using WorkerProcess restarted = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, "crashy");
        foreach (string id in sequences)
        {
            OrchestrationMetadata done = await client.CompleteAsync(id, TimeSpan.FromSeconds(60));
            Assert.Equal(78, done.ReadOutputAs<int>());
            HistoryAssert.IsConsistent(await client.HistoryAsync(id), id);
        }

        Assert.True(before.OfType<TaskCompleted>().Count() < 12, "the kill should have landed mid-sequence");
        Assert.Equal("raised while the host was down", (await client.CompleteAsync(waiting)).ReadOutputAs<string>());
        OrchestrationMetadata slept = await client.CompleteAsync(sleeping);
        Assert.True(slept.ReadOutputAs<DateTime>() >= slept.CreatedAt.UtcDateTime.AddSeconds(3));
        HistoryAssert.IsConsistent(await client.HistoryAsync(waiting), waiting);
        HistoryAssert.IsConsistent(await client.HistoryAsync(sleeping), sleeping);
    }

    [Fact]
    public async Task Two_processes_on_one_store_complete_each_instance_once_even_when_one_dies()
    {
        string hub = EngineHarness.NewHub();
        await using EngineHarness client = await EngineHarness.StartAsync(azurite.ConnectionString, hub, runWorker: false, workerId: "client");
        await using WorkerProcess a = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, "host-a");
        await using WorkerProcess b = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, "host-b");

        List<string> ids = [];
        for (int i = 0; i < 16; i++)
        {
            ids.Add(await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SequenceOrchestrator), new SequenceInput(8, Slow: true)));
            ids.Add(await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutOrchestrator), 20));
        }

        string eventful = await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EventLoopOrchestrator), 10);
        for (int i = 1; i <= 5; i++)
        {
            await client.Client.RaiseEventAsync(eventful, "item", i);
        }

        await Task.Delay(800);
        await a.KillAsync();
        for (int i = 6; i <= 10; i++)
        {
            await client.Client.RaiseEventAsync(eventful, "item", i);
        }

        foreach (string id in ids)
        {
            OrchestrationMetadata done = await client.CompleteAsync(id, TimeSpan.FromSeconds(90));
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Contains(done.ReadOutputAs<int>(), new[] { 36, 210 });
            HistoryAssert.IsConsistent(await client.HistoryAsync(id), id);
        }

        Assert.Equal(55, (await client.CompleteAsync(eventful, TimeSpan.FromSeconds(60))).ReadOutputAs<int>());
        IReadOnlyList<HistoryEvent> history = await client.HistoryAsync(eventful);
        HistoryAssert.IsConsistent(history, eventful);
        Assert.Equal(10, history.OfType<EventRaised>().Count());
    }
}
