using Chorus.Engine.History;
using Chorus.Engine.TestWorker.Orchestrations;
using Chorus.Orchestration;
using Microsoft.Extensions.Time.Testing;

namespace Chorus.Engine.Tests;

/// <summary>Retries, reminders and timer-versus-event races, on a clock the test moves.</summary>
[Collection(EngineCollection.Name)]
public sealed class FakeClockTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private EngineHarness _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineHarness.StartAsync(azurite.ConnectionString, time: _clock);

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task Retries_wait_the_backoff_between_attempts_and_stop_at_success()
    {
        string id = await _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryOrchestrator), new RetryInput(SucceedOnAttempt: 4, MaxAttempts: 5, FirstIntervalSeconds: 10, Backoff: 2, MaxIntervalSeconds: 30));
        await WaitForTimersAsync(id, 1);

        _clock.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(300);
        Assert.Single((await _engine.HistoryAsync(id)).OfType<TaskFailed>());

        _clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForTimersAsync(id, 2);
        _clock.Advance(TimeSpan.FromSeconds(20));
        await WaitForTimersAsync(id, 3);
        _clock.Advance(TimeSpan.FromSeconds(30)); // 10 × 2² = 40, capped at 30

        OrchestrationMetadata done = await _engine.CompleteAsync(id);
        Assert.Equal(4, done.ReadOutputAs<int>());
        IReadOnlyList<HistoryEvent> history = await _engine.HistoryAsync(id);
        List<DateTime> fireAt = history.OfType<TimerCreated>().Select(t => t.FireAt).ToList();
        List<DateTime> turns = history.OfType<OrchestratorStarted>().Select(t => t.Timestamp).ToList();
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30)], fireAt.Zip(fireAt.Prepend(turns[0])).Select(p => p.First - p.Second).Select(d => TimeSpan.FromSeconds(Math.Round(d.TotalSeconds))));
        Assert.Equal(3, history.OfType<TaskFailed>().Count());
    }

    [Fact]
    public async Task A_retry_policy_gives_up_after_its_attempts_and_the_instance_fails_with_the_last_error()
    {
        string id = await _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryOrchestrator), new RetryInput(SucceedOnAttempt: 10, MaxAttempts: 2, FirstIntervalSeconds: 5));
        await WaitForTimersAsync(id, 1);
        _clock.Advance(TimeSpan.FromSeconds(5));

        OrchestrationMetadata done = await _engine.CompleteAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("attempt 2 failed", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_the_policy_does_not_handle_is_not_retried()
    {
        OrchestrationMetadata done = await _engine.RunAsync(nameof(RetryOrchestrator), new RetryInput(SucceedOnAttempt: 3, MaxAttempts: 5, FirstIntervalSeconds: 5, OnlyArgumentErrors: true));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        IReadOnlyList<HistoryEvent> history = await _engine.HistoryAsync(done.InstanceId);
        Assert.Single(history.OfType<TaskFailed>());
        Assert.Empty(history.OfType<TimerCreated>());
    }

    [Fact]
    public async Task Reminders_fire_on_the_clock_and_a_decision_between_them_wins_the_race()
    {
        string id = await _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReminderOrchestrator), new ReminderInput(Reminders: 3, MinutesBetween: 60));
        await WaitForTimersAsync(id, 1);

        _clock.Advance(TimeSpan.FromMinutes(60));
        await WaitForTimersAsync(id, 2);
        await _engine.Client.RaiseEventAsync(id, "decision", "approved");

        OrchestrationMetadata done = await _engine.CompleteAsync(id);
        Assert.Equal("approved after 1 reminders", done.ReadOutputAs<string>());
        Assert.Single((await _engine.HistoryAsync(done.InstanceId)).OfType<TimerFired>());
    }

    [Fact]
    public async Task Without_a_decision_the_reminders_run_out_and_the_request_expires()
    {
        string id = await _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReminderOrchestrator), new ReminderInput(Reminders: 2, MinutesBetween: 30));
        for (int timer = 1; timer <= 3; timer++)
        {
            await WaitForTimersAsync(id, timer);
            _clock.Advance(TimeSpan.FromMinutes(30));
        }

        OrchestrationMetadata done = await _engine.CompleteAsync(id);
        Assert.Equal("expired", done.ReadOutputAs<string>());
        Assert.Equal(2, (await _engine.HistoryAsync(id)).OfType<TaskScheduled>().Count());
    }

    private async Task WaitForTimersAsync(string instanceId, int count)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await _engine.Store.LoadAsync(instanceId, CancellationToken.None))?.History.OfType<TimerCreated>().Count() < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"timer {count} of {instanceId} was never created");
            await Task.Delay(25);
        }

        // The timer exists in storage; give the worker a moment to arm it in memory before the clock moves.
        await Task.Delay(100);
    }
}
