using Chorus.Engine.History;
using Chorus.Engine.TestWorker.Orchestrations;
using Chorus.Orchestration;

namespace Chorus.Engine.Tests;

/// <summary>Every member of the orchestration port and client, through the embedded engine on Azurite.</summary>
[Collection(EngineCollection.Name)]
public sealed class OrchestrationPortTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private EngineHarness _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineHarness.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task A_sequence_of_activities_completes_with_their_results()
    {
        OrchestrationMetadata done = await _engine.RunAsync(nameof(SequenceOrchestrator), new SequenceInput(10));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(55, done.ReadOutputAs<int>());
        Assert.Equal(10, done.ReadInputAs<SequenceInput>()!.Count);
        HistoryAssert.IsConsistent(await _engine.HistoryAsync(done.InstanceId), done.InstanceId);
    }

    [Fact]
    public async Task A_fan_out_of_activities_is_gathered()
    {
        OrchestrationMetadata done = await _engine.RunAsync(nameof(FanOutOrchestrator), 100);

        Assert.Equal(5050, done.ReadOutputAs<int>());
        IReadOnlyList<HistoryEvent> history = await _engine.HistoryAsync(done.InstanceId);
        Assert.Equal(100, history.OfType<TaskScheduled>().Count());
        HistoryAssert.IsConsistent(history, done.InstanceId);
    }

    [Fact]
    public async Task An_event_raised_before_anyone_waits_is_buffered_and_names_ignore_case()
    {
        string id = await _engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(WaitForEventOrchestrator), "Approval", new StartOrchestrationOptions(StartAt: DateTimeOffset.UtcNow.AddSeconds(1.5)));
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await _engine.Client.GetInstanceAsync(id))!.RuntimeStatus);

        await _engine.Client.RaiseEventAsync(id, "APPROVAL", "yes");

        OrchestrationMetadata done = await _engine.CompleteAsync(id);
        Assert.Equal("yes", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Many_events_are_taken_in_the_order_raised()
    {
        string id = await _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EventLoopOrchestrator), 20);
        for (int i = 1; i <= 20; i++)
        {
            await _engine.Client.RaiseEventAsync(id, "item", i);
        }

        OrchestrationMetadata done = await _engine.CompleteAsync(id);
        Assert.Equal(210, done.ReadOutputAs<int>());
        List<int> order = (await _engine.HistoryAsync(id)).OfType<EventRaised>().Select(e => int.Parse(e.Input!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, 20), order);
    }

    [Fact]
    public async Task A_timed_out_wait_does_not_swallow_a_later_event_of_the_same_name()
    {
        string id = await _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TimeoutThenWaitOrchestrator), 1);
        await _engine.WaitUntilAsync(id, m => m.ReadCustomStatusAs<string>() == "waiting again");

        await _engine.Client.RaiseEventAsync(id, "answer", "late reply");

        OrchestrationMetadata done = await _engine.CompleteAsync(id);
        Assert.Equal("timed out; then late reply", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_durable_timer_wakes_the_orchestration_no_earlier_than_asked()
    {
        OrchestrationMetadata done = await _engine.RunAsync(nameof(TimerOrchestrator), 1.0);

        DateTime woke = done.ReadOutputAs<DateTime>();
        Assert.True(woke >= done.CreatedAt.UtcDateTime.AddSeconds(1), $"woke at {woke:O}, created {done.CreatedAt:O}");
    }

    [Fact]
    public async Task An_orchestrator_that_returns_with_a_live_timer_stays_running_until_it_fires()
    {
        string id = await _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ForgottenTimerOrchestrator), 2.0);
        await Task.Delay(800);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await _engine.Client.GetInstanceAsync(id))!.RuntimeStatus);

        OrchestrationMetadata done = await _engine.CompleteAsync(id);
        Assert.Equal("returned early", done.ReadOutputAs<string>());
        Assert.True(done.LastUpdatedAt - done.CreatedAt >= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_failing_activity_surfaces_as_a_typed_failure_the_orchestrator_can_catch()
    {
        OrchestrationMetadata caught = await _engine.RunAsync(nameof(CatchFailureOrchestrator), false);
        Assert.Equal("System.InvalidOperationException: boom", caught.ReadOutputAs<string>());

        OrchestrationMetadata failed = await _engine.RunAsync(nameof(CatchFailureOrchestrator), true);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, failed.FailureDetails!.ErrorType);
        Assert.Contains("ThrowingActivity", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("boom", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sub_orchestration_returns_its_output_to_the_parent()
    {
        OrchestrationMetadata done = await _engine.RunAsync(nameof(ParentOrchestrator), null);

        Assert.Equal(6, done.ReadOutputAs<int>());
        OrchestrationMetadata child = (await _engine.Client.GetInstanceAsync(done.InstanceId + ":child"))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
    }

    [Fact]
    public async Task A_sub_orchestration_that_is_not_registered_fails_the_parent_clearly()
    {
        OrchestrationMetadata done = await _engine.RunAsync(nameof(ParentOrchestrator), "NoSuchOrchestrator");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("No orchestrator named 'NoSuchOrchestrator'", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Continue_as_new_restarts_with_new_input_and_keeps_unprocessed_events()
    {
        string id = await _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CounterOrchestrator), new CounterState(Target: 10));
        await _engine.Client.RaiseEventAsync(id, "add", 3);
        await _engine.Client.RaiseEventAsync(id, "add", 4);
        await _engine.Client.RaiseEventAsync(id, "add", 5);

        OrchestrationMetadata done = await _engine.CompleteAsync(id);
        Assert.Equal(12, done.ReadOutputAs<int>());
        Assert.Equal(3, done.ReadInputAs<CounterState>()!.Generation);
        Assert.Single((await _engine.HistoryAsync(id)).OfType<ExecutionStarted>());
    }

    [Fact]
    public async Task Custom_status_is_readable_and_an_oversized_one_fails_clearly()
    {
        OrchestrationMetadata small = await _engine.RunAsync(nameof(CustomStatusOrchestrator), 100);
        Assert.Equal(new string('x', 100), small.ReadCustomStatusAs<string>());

        OrchestrationMetadata big = await _engine.RunAsync(nameof(CustomStatusOrchestrator), 9000);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, big.RuntimeStatus);
        Assert.Contains("16 KB", big.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_activity_fails_the_call_with_its_name()
    {
        OrchestrationMetadata done = await _engine.RunAsync(nameof(UnknownActivityOrchestrator), 1);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("No activity named 'NoSuchActivity'", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_a_running_id_is_refused_and_a_finished_id_restarts()
    {
        string id = "order-" + Guid.NewGuid().ToString("N");
        await _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForEventOrchestrator), "go", new StartOrchestrationOptions(id));

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForEventOrchestrator), "go", new StartOrchestrationOptions(id)));

        await _engine.Client.RaiseEventAsync(id, "go", "first");
        Assert.Equal("first", (await _engine.CompleteAsync(id)).ReadOutputAs<string>());

        await _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SequenceOrchestrator), new SequenceInput(2), new StartOrchestrationOptions(id));
        OrchestrationMetadata second = await _engine.CompleteAsync(id);
        Assert.Equal(nameof(SequenceOrchestrator), second.Name);
        Assert.Equal(3, second.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Terminate_stops_a_running_instance_and_purge_removes_it()
    {
        string id = await _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForEventOrchestrator), "never");
        await _engine.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _engine.Client.PurgeInstanceAsync(id));

        await _engine.Client.TerminateInstanceAsync(id, "stopped by test");

        OrchestrationMetadata done = await _engine.CompleteAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("stopped by test", done.ReadOutputAs<string>());
        Assert.Equal(1, (await _engine.Client.PurgeInstanceAsync(id)).PurgedInstanceCount);
        Assert.Null(await _engine.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task Instances_are_listed_by_status_prefix_and_creation_time()
    {
        string prefix = "batch-" + Guid.NewGuid().ToString("N")[..8] + "-";
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (int i = 0; i < 3; i++)
        {
            await _engine.RunAsync(nameof(SequenceOrchestrator), new SequenceInput(1), null);
            await _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForEventOrchestrator), "never", new StartOrchestrationOptions(prefix + i));
        }

        await _engine.WaitUntilAsync(prefix + "2", m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        List<OrchestrationMetadata> byPrefix = await ToListAsync(_engine.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix }));
        Assert.Equal([prefix + "0", prefix + "1", prefix + "2"], byPrefix.Select(m => m.InstanceId).Order());

        List<OrchestrationMetadata> completed = await ToListAsync(_engine.Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Completed],
            CreatedFrom = before,
        }));
        Assert.True(completed.Count >= 3);
        Assert.All(completed, m => Assert.Equal(OrchestrationRuntimeStatus.Completed, m.RuntimeStatus));
        Assert.DoesNotContain(completed, m => m.InstanceId.StartsWith(prefix, StringComparison.Ordinal));

        List<OrchestrationMetadata> none = await ToListAsync(_engine.Client.GetAllInstancesAsync(new OrchestrationQuery { CreatedTo = before.AddHours(-1) }));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Replayed_guids_are_deterministic_and_distinct()
    {
        OrchestrationMetadata done = await _engine.RunAsync(nameof(GuidOrchestrator), 1);

        string[] guids = done.ReadOutputAs<string[]>()!;
        Assert.Equal(3, guids.Distinct().Count());
        Assert.All(guids, g => Assert.True(Guid.TryParse(g, out Guid parsed) && parsed.ToString("D")[14] == '5'));
    }

    [Fact]
    public async Task Changing_the_code_under_a_running_instance_fails_it_with_a_non_determinism_error()
    {
        SwitchingOrchestrator.UseThrowing = false;
        try
        {
            string id = await _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SwitchingOrchestrator), 5);
            await _engine.Client.RaiseEventAsync(id, "go", 1);
            DateTime deadline = DateTime.UtcNow.AddSeconds(20);
            while (!(await _engine.HistoryAsync(id)).OfType<TaskCompleted>().Any())
            {
                Assert.True(DateTime.UtcNow < deadline, "the activity never completed");
                await Task.Delay(25);
            }

            SwitchingOrchestrator.UseThrowing = true;
            await _engine.Client.RaiseEventAsync(id, "go", 2);

            OrchestrationMetadata done = await _engine.CompleteAsync(id);
            Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
            Assert.Contains("Non-deterministic", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
            Assert.Contains("'EchoActivity'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
            Assert.Contains("'ThrowingActivity'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        }
        finally
        {
            SwitchingOrchestrator.UseThrowing = false;
        }
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        List<T> list = [];
        await foreach (T item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
