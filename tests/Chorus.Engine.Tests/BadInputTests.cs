using Chorus.Engine.TestWorker.Orchestrations;
using Chorus.Orchestration;

namespace Chorus.Engine.Tests;

/// <summary>Bad calls get clear errors and leave nothing behind.</summary>
[Collection(EngineCollection.Name)]
public sealed class BadInputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private EngineHarness _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineHarness.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task An_unknown_orchestrator_name_is_refused_and_names_the_registered_ones()
    {
        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(
            () => _engine.Client.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestrator", null, new StartOrchestrationOptions("unknown-name")));

        Assert.Contains("No orchestrator named 'NoSuchOrchestrator'", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(SequenceOrchestrator), error.Message, StringComparison.Ordinal);
        Assert.Null(await _engine.Client.GetInstanceAsync("unknown-name"));
    }

    [Fact]
    public async Task Input_that_cannot_be_serialized_is_refused_and_nothing_is_stored()
    {
        Loop loop = new();
        loop.Self = loop;

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(
            () => _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForEventOrchestrator), loop, new StartOrchestrationOptions("cyclic")));

        Assert.Contains("could not be serialized", error.Message, StringComparison.Ordinal);
        Assert.Null(await _engine.Client.GetInstanceAsync("cyclic"));
    }

    [Fact]
    public async Task Input_of_the_wrong_shape_fails_the_instance_with_the_reason()
    {
        OrchestrationMetadata done = await _engine.RunAsync(nameof(SequenceOrchestrator), "not a sequence input");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("could not be read as SequenceInput", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad\u0001id")]
    public async Task An_instance_id_that_cannot_be_stored_is_refused(string id)
        => await Assert.ThrowsAnyAsync<ArgumentException>(
            () => _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForEventOrchestrator), "x", new StartOrchestrationOptions(id)));

    [Fact]
    public async Task An_instance_id_with_a_lone_surrogate_is_refused()
        => await Assert.ThrowsAsync<ArgumentException>(
            () => _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForEventOrchestrator), "x", new StartOrchestrationOptions("id-" + '\ud800')));

    [Fact]
    public async Task An_overlong_instance_id_is_refused()
        => await Assert.ThrowsAsync<ArgumentException>(
            () => _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForEventOrchestrator), "x", new StartOrchestrationOptions(new string('a', 257))));

    [Fact]
    public async Task Ids_with_slashes_and_dots_stay_inside_their_own_blob()
    {
        string id = "../../etc/passwd.";
        await _engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SequenceOrchestrator), new SequenceInput(1), new StartOrchestrationOptions(id));

        OrchestrationMetadata done = await _engine.CompleteAsync(id);
        Assert.Equal(id, done.InstanceId);
        List<string> names = [];
        await foreach (Azure.Storage.Blobs.Models.BlobItem blob in _engine.Store.Container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        Assert.Contains("instances/..%2F..%2Fetc%2Fpasswd%2E", names);
    }

    [Fact]
    public async Task Raising_an_event_on_a_missing_instance_is_a_clear_error()
    {
        OrchestrationNotFoundException error = await Assert.ThrowsAsync<OrchestrationNotFoundException>(
            () => _engine.Client.RaiseEventAsync("does-not-exist", "go", 1));
        Assert.Contains("does-not-exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raising_an_event_on_a_finished_instance_is_a_clear_error_and_changes_nothing()
    {
        OrchestrationMetadata done = await _engine.RunAsync(nameof(SequenceOrchestrator), new SequenceInput(1));
        int historyLength = (await _engine.HistoryAsync(done.InstanceId)).Count;

        OrchestrationNotRunningException error = await Assert.ThrowsAsync<OrchestrationNotRunningException>(
            () => _engine.Client.RaiseEventAsync(done.InstanceId, "go", 1));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, error.Status);
        Assert.Equal(historyLength, (await _engine.HistoryAsync(done.InstanceId)).Count);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await _engine.Client.GetInstanceAsync(done.InstanceId))!.RuntimeStatus);
    }

    [Fact]
    public async Task Terminating_a_finished_instance_changes_nothing()
    {
        OrchestrationMetadata done = await _engine.RunAsync(nameof(SequenceOrchestrator), new SequenceInput(1));

        await _engine.Client.TerminateInstanceAsync(done.InstanceId, "too late");

        OrchestrationMetadata after = (await _engine.Client.GetInstanceAsync(done.InstanceId, getInputsAndOutputs: true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after.RuntimeStatus);
        Assert.Equal(1, after.ReadOutputAs<int>());
    }

    private sealed class Loop
    {
        public Loop? Self { get; set; }
    }
}
