using Chorus.Engine.History;

namespace Chorus.Engine.Tests;

/// <summary>Checks that a history is well formed: every task scheduled once, completed at most once, ended once.</summary>
internal static class HistoryAssert
{
    public static void IsConsistent(IReadOnlyList<HistoryEvent> history, string instanceId)
    {
        List<int> scheduled = history.Where(e => e is TaskScheduled or TimerCreated or SubOrchestrationInstanceCreated).Select(e => e.TaskId).ToList();
        Assert.True(scheduled.Count == scheduled.Distinct().Count(), $"{instanceId}: a task id was scheduled twice: {string.Join(",", scheduled)}");
        Assert.Equal(Enumerable.Range(0, scheduled.Count), scheduled.Order());

        List<int> completed = history.Select(e => e switch
        {
            TaskCompleted c => c.TaskScheduledId,
            TaskFailed f => f.TaskScheduledId,
            TimerFired t => t.TimerId,
            SubOrchestrationInstanceCompleted c => c.TaskScheduledId,
            SubOrchestrationInstanceFailed f => f.TaskScheduledId,
            _ => -1,
        }).Where(id => id >= 0).ToList();
        Assert.True(completed.Count == completed.Distinct().Count(), $"{instanceId}: a task completed twice: {string.Join(",", completed)}");
        Assert.All(completed, id => Assert.Contains(id, scheduled));
        Assert.True(history.Count(e => e is ExecutionCompleted or ExecutionTerminated) <= 1, $"{instanceId}: ended more than once");
        Assert.Single(history.OfType<ExecutionStarted>());
        Assert.True(history[0] is OrchestratorStarted && history[1] is ExecutionStarted, $"{instanceId}: history does not begin with a turn that starts the execution");
    }
}
