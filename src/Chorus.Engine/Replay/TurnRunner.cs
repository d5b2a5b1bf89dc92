using System.Globalization;
using Chorus.Engine.History;
using Chorus.Orchestration;
using Microsoft.Extensions.Logging;

namespace Chorus.Engine.Replay;

/// <summary>
/// Runs one turn: replays the orchestrator over its history, then feeds it the new events, and reports what it
/// scheduled and whether it ended. Pure and single-threaded: no clock, no I/O, no thread pool.
/// </summary>
internal static class TurnRunner
{
    public static TurnResult Run(
        IOrchestrator orchestrator,
        string instanceId,
        IReadOnlyList<HistoryEvent> past,
        IReadOnlyList<HistoryEvent> inbound,
        DateTime now,
        ILoggerFactory loggerFactory)
    {
        ExecutionStarted started = past.OfType<ExecutionStarted>().FirstOrDefault()
            ?? inbound.OfType<ExecutionStarted>().FirstOrDefault()
            ?? throw new InvalidOperationException($"Instance '{instanceId}' has no ExecutionStarted event.");

        ReplayContext context = new(started.Name, instanceId, started.Input, loggerFactory);
        OrchestrationSynchronizationContext sync = new();
        SynchronizationContext? previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(sync);

        List<HistoryEvent> newEvents = [new OrchestratorStarted(now)];
        Task<object?>? run = null;
        ExecutionCompleted? failure = null;
        try
        {
            context.Replaying = true;
            foreach (HistoryEvent e in past)
            {
                Apply(e, context, orchestrator, started, ref run);
                sync.RunPending();
            }

            context.Replaying = false;
            context.CurrentTime = now;
            foreach (HistoryEvent e in inbound)
            {
                newEvents.Add(e);
                Apply(e, context, orchestrator, started, ref run);
                sync.RunPending();
            }
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            failure = new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(ex));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        List<PendingAction> newActions = [];
        foreach (PendingAction action in context.Actions.Values.OrderBy(a => a.Id))
        {
            if (action.InHistory)
            {
                continue;
            }

            newActions.Add(action);
            newEvents.Add(action.Kind switch
            {
                ActionKind.Activity => new TaskScheduled(action.Name, action.Input) { TaskId = action.Id },
                ActionKind.Timer => new TimerCreated(action.FireAt) { TaskId = action.Id },
                _ => new SubOrchestrationInstanceCreated(action.Name, action.SubInstanceId!, action.Input) { TaskId = action.Id },
            });
        }

        List<PendingAction> openTimers = context.Actions.Values.Where(a => a.Kind == ActionKind.Timer && !a.IsDone && !a.Cancelled).ToList();
        ExecutionCompleted? completion = failure ?? Conclude(run, context, openTimers);
        (string?, IReadOnlyList<EventRaised>)? continueAsNew = null;
        if (completion?.Status == OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            (string? input, bool preserve) = context.ContinueAsNewRequest!.Value;
            List<EventRaised> carried = preserve
                ? context.UnprocessedEvents.Select((e, i) => new EventRaised(e.Name, e.Input, string.Create(CultureInfo.InvariantCulture, $"carried-{i}"))).ToList()
                : [];
            continueAsNew = (input, carried);
        }

        if (completion is not null)
        {
            // Work first scheduled in the turn that ended the execution will never be awaited: don't start it.
            newActions.Clear();
            newEvents.Add(completion);
        }

        return new TurnResult
        {
            NewEvents = newEvents,
            NewActions = newActions,
            OpenTimers = completion is null ? openTimers : [],
            CustomStatus = (context.CustomStatusSet, context.SerializedCustomStatus),
            Completion = completion,
            ContinueAsNew = continueAsNew,
        };
    }

    private static ExecutionCompleted? Conclude(Task<object?>? run, ReplayContext context, List<PendingAction> openTimers)
    {
        if (run is null || !run.IsCompleted)
        {
            return null;
        }

        if (run.IsFaulted)
        {
            Exception error = run.Exception!.InnerExceptions.Count == 1 ? run.Exception.InnerException! : run.Exception;
            return new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(error));
        }

        if (run.IsCanceled)
        {
            return new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, new TaskFailureDetails(typeof(TaskCanceledException).FullName!, "The orchestrator's task was cancelled."));
        }

        if (context.ContinueAsNewRequest is not null)
        {
            return new ExecutionCompleted(OrchestrationRuntimeStatus.ContinuedAsNew, null, null);
        }

        // As in Durable: an orchestrator that returns with live timers stays Running until they fire.
        return openTimers.Count > 0 ? null : new ExecutionCompleted(OrchestrationRuntimeStatus.Completed, DurableJson.Serialize(run.Result), null);
    }

    private static void Apply(HistoryEvent e, ReplayContext context, IOrchestrator orchestrator, ExecutionStarted started, ref Task<object?>? run)
    {
        switch (e)
        {
            case OrchestratorStarted turn:
                context.CurrentTime = turn.Timestamp;
                break;
            case ExecutionStarted:
                run = Start(orchestrator, context, started);
                break;
            case TaskScheduled scheduled:
                Match(context, scheduled.TaskId, ActionKind.Activity, scheduled.Name);
                break;
            case TimerCreated timer:
                Match(context, timer.TaskId, ActionKind.Timer, "timer");
                break;
            case SubOrchestrationInstanceCreated sub:
                Match(context, sub.TaskId, ActionKind.SubOrchestration, sub.Name);
                break;
            case TaskCompleted completed:
                Find(context, completed.TaskScheduledId)?.Complete(completed.Result);
                break;
            case TaskFailed failed when Find(context, failed.TaskScheduledId) is { } action:
                action.Fail(new TaskFailedException(action.Name, action.Id, failed.Failure));
                break;
            case TimerFired fired:
                Find(context, fired.TimerId)?.Complete(null);
                break;
            case SubOrchestrationInstanceCompleted completed:
                Find(context, completed.TaskScheduledId)?.Complete(completed.Result);
                break;
            case SubOrchestrationInstanceFailed failed when Find(context, failed.TaskScheduledId) is { } action:
                action.Fail(new TaskFailedException(action.Name, action.Id, failed.Failure));
                break;
            case EventRaised raised:
                context.DeliverEvent(raised.Name, raised.Input);
                break;
            default:
                break;
        }
    }

    private static Task<object?> Start(IOrchestrator orchestrator, ReplayContext context, ExecutionStarted started)
    {
        try
        {
            object? input = DurableJson.Deserialize(started.Input, orchestrator.InputType);
            return orchestrator.RunAsync(context, input);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidCastException)
        {
            return Task.FromException<object?>(new ArgumentException($"The input of orchestrator '{started.Name}' could not be read as {orchestrator.InputType.Name}: {ex.Message}", ex));
        }
        catch (Exception ex)
        {
            return Task.FromException<object?>(ex);
        }
    }

    private static void Match(ReplayContext context, int taskId, ActionKind kind, string name)
    {
        if (!context.Actions.TryGetValue(taskId, out PendingAction? action))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration: history records {Describe(kind, name)} as task #{taskId}, but the orchestrator code did not schedule task #{taskId} on replay.");
        }

        if (action.Kind != kind || !string.Equals(action.Name, name, StringComparison.OrdinalIgnoreCase))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration: history records {Describe(kind, name)} as task #{taskId}, but on replay the orchestrator code scheduled {action.Describe()} there.");
        }

        action.InHistory = true;
    }

    private static PendingAction? Find(ReplayContext context, int taskId) => context.Actions.GetValueOrDefault(taskId);

    private static string Describe(ActionKind kind, string name) => kind switch
    {
        ActionKind.Activity => $"activity '{name}'",
        ActionKind.Timer => "a timer",
        _ => $"sub-orchestration '{name}'",
    };
}
