using System.Runtime.ExceptionServices;
using Chorus.Approvals;
using Microsoft.DurableTask;
using NSubstitute;

namespace Chorus.Core.Tests.Durable;

/// <summary>
/// A substituted <see cref="TaskOrchestrationContext"/> whose clock, durable timers, "decision" waits and activity
/// results the test drives by hand. Every step runs without a synchronization context, so the orchestration's
/// continuations run inline: when a step returns, the orchestration has gone as far as it can. No sleeps, no real timers.
/// </summary>
internal sealed class OrchestrationHarness
{
    /// <summary>The orchestration clock's starting time.</summary>
    public static readonly DateTime Start = new(2025, 3, 3, 9, 0, 0, DateTimeKind.Utc);

    private readonly List<ScheduledTimer> _timers = [];
    private readonly List<DecisionWait> _waits = [];

    public OrchestrationHarness()
    {
        Context.CurrentUtcDateTime.Returns(_ => Now);
        Context.CreateTimer(Arg.Any<DateTime>(), Arg.Any<CancellationToken>())
            .Returns(call => Schedule(_timers, new ScheduledTimer(call.ArgAt<DateTime>(0)), call.ArgAt<CancellationToken>(1)).Task);
        Context.WaitForExternalEvent<ApprovalDecision>(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(call => Schedule(_waits, new DecisionWait(call.ArgAt<string>(0)), call.ArgAt<CancellationToken>(1)).Task);
    }

    /// <summary>Gets the substitute handed to the orchestrator.</summary>
    public TaskOrchestrationContext Context { get; } = Substitute.For<TaskOrchestrationContext>();

    /// <summary>Gets or sets what <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/> returns.</summary>
    public DateTime Now { get; set; } = Start;

    /// <summary>Gets every durable timer created, in order.</summary>
    public IReadOnlyList<ScheduledTimer> Timers => _timers;

    /// <summary>Gets every wait for an <see cref="ApprovalDecision"/> created, in order.</summary>
    public IReadOnlyList<DecisionWait> Waits => _waits;

    /// <summary>Gets every activity call, in order.</summary>
    public IReadOnlyList<ActivityCall> Activities => [.. Context.ReceivedCalls()
        .Where(call => call.GetMethodInfo().Name == nameof(TaskOrchestrationContext.CallActivityAsync))
        .Select(call => call.GetArguments())
        .Select(args => new ActivityCall(((TaskName)args[0]!).Name, args[1], (TaskOptions?)args[2]))];

    /// <summary>Gets every custom status set, in order.</summary>
    public IReadOnlyList<object?> Statuses => [.. Context.ReceivedCalls()
        .Where(call => call.GetMethodInfo().Name == nameof(TaskOrchestrationContext.SetCustomStatus))
        .Select(call => call.GetArguments()[0])];

    /// <summary>Gets the one timer the orchestration is waiting on.</summary>
    public ScheduledTimer LiveTimer => Assert.Single(_timers, timer => !timer.Task.IsCompleted);

    /// <summary>Gets the one decision wait the orchestration is waiting on.</summary>
    public DecisionWait LiveWait => Assert.Single(_waits, wait => !wait.Task.IsCompleted);

    /// <summary>Makes the activity of this name return <paramref name="result"/>.</summary>
    public void GivenActivity<TResult>(string name, TResult result) =>
        Context.CallActivityAsync<TResult>(Arg.Is<TaskName>(n => n.Name == name), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(Task.FromResult(result));

    /// <summary>Gets the inputs of the calls of one activity, in order.</summary>
    public IReadOnlyList<TInput> InputsOf<TInput>(string activity) =>
        [.. Activities.Where(call => call.Name == activity).Select(call => Assert.IsType<TInput>(call.Input))];

    /// <summary>Gets the custom statuses of one type, in order.</summary>
    public IReadOnlyList<TStatus> StatusesOf<TStatus>() => [.. Statuses.OfType<TStatus>()];

    /// <summary>Starts an orchestration (or part of one) on the substitute; it runs until it first waits.</summary>
    public Task<TResult> Run<TResult>(Func<TaskOrchestrationContext, Task<TResult>> orchestration)
    {
        Task<TResult>? run = null;
        Inline(() => run = orchestration(Context));
        return run!;
    }

    /// <summary>Runs a step that completes something the orchestration waits on (an activity it awaits, say).</summary>
    public static void Step(Action step) => Inline(step);

    /// <summary>Raises a decision on the live wait.</summary>
    public void Decide(ApprovalDecision decision)
    {
        DecisionWait wait = LiveWait;
        Inline(() => wait.Source.SetResult(decision));
    }

    /// <summary>Moves the clock to the live timer's due time (unless it is already past it) and fires the timer.</summary>
    /// <returns>The timer that fired.</returns>
    public ScheduledTimer FireTimer()
    {
        ScheduledTimer timer = LiveTimer;
        Now = timer.Due > Now ? timer.Due : Now;
        Inline(() => timer.Source.SetResult());
        return timer;
    }

    /// <summary>Fires the live timer while the orchestration clock still reads <paramref name="early"/> before its due time.</summary>
    /// <returns>The timer that fired.</returns>
    public ScheduledTimer FireTimerEarly(TimeSpan early)
    {
        ScheduledTimer timer = LiveTimer;
        Now = timer.Due - early;
        Inline(() => timer.Source.SetResult());
        return timer;
    }

    /// <summary>Gets the result of an orchestration that has finished, rethrowing what it failed with.</summary>
    public static TResult Result<TResult>(Task<TResult> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.IsFaulted)
        {
            ExceptionDispatchInfo.Capture(run.Exception!.InnerException!).Throw();
        }

        Assert.True(run.IsCompletedSuccessfully, "The orchestration is still waiting.");
        return run.Result;
    }

    private static T Schedule<T>(List<T> list, T pending, CancellationToken cancellationToken)
        where T : IPending
    {
        list.Add(pending);
        cancellationToken.Register(pending.Cancel);
        return pending;
    }

    /// <summary>
    /// Runs a step without the test framework's synchronization context, so the orchestration's awaits continue inline
    /// on this thread instead of being posted.
    /// </summary>
    private static void Inline(Action step)
    {
        SynchronizationContext? previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            step();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }
}

/// <summary>Something the orchestration waits on that its cancellation token can cancel.</summary>
internal interface IPending
{
    void Cancel();
}

/// <summary>A durable timer the orchestration created.</summary>
internal sealed class ScheduledTimer(DateTime due) : IPending
{
    public DateTime Due { get; } = due;

    public TaskCompletionSource Source { get; } = new();

    public Task Task => Source.Task;

    public void Cancel() => Source.TrySetCanceled();
}

/// <summary>A wait for the external event the orchestration created.</summary>
internal sealed class DecisionWait(string eventName) : IPending
{
    public string EventName { get; } = eventName;

    public TaskCompletionSource<ApprovalDecision> Source { get; } = new();

    public Task<ApprovalDecision> Task => Source.Task;

    public void Cancel() => Source.TrySetCanceled();
}

/// <summary>One call of an activity.</summary>
internal sealed record ActivityCall(string Name, object? Input, TaskOptions? Options);
