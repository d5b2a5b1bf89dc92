using Chorus.Orchestration;

namespace Chorus.Engine.TestWorker.Orchestrations;

/// <summary>Calls an echo activity <c>Count</c> times in a row and returns the sum.</summary>
public sealed class SequenceOrchestrator : Orchestrator<SequenceInput, int>
{
    public override async Task<int> RunAsync(OrchestrationContext context, SequenceInput input)
    {
        int sum = 0;
        for (int i = 1; i <= input.Count; i++)
        {
            sum += await context.CallActivityAsync<int>(input.Slow ? nameof(SlowEchoActivity) : nameof(EchoActivity), i);
        }

        return sum;
    }
}

public sealed record SequenceInput(int Count, bool Slow = false);

/// <summary>Fans out <c>input</c> echo activities and returns their sum.</summary>
public sealed class FanOutOrchestrator : Orchestrator<int, int>
{
    public override async Task<int> RunAsync(OrchestrationContext context, int input)
    {
        int[] results = await Task.WhenAll(Enumerable.Range(1, input).Select(i => context.CallActivityAsync<int>(nameof(EchoActivity), i)));
        return results.Sum();
    }
}

/// <summary>Waits for the named event and returns its payload.</summary>
public sealed class WaitForEventOrchestrator : Orchestrator<string, string>
{
    public override Task<string> RunAsync(OrchestrationContext context, string input) => context.WaitForExternalEvent<string>(input);
}

/// <summary>Takes <c>input</c> events named "item" one after another and returns their sum.</summary>
public sealed class EventLoopOrchestrator : Orchestrator<int, int>
{
    public override async Task<int> RunAsync(OrchestrationContext context, int input)
    {
        int sum = 0;
        for (int i = 0; i < input; i++)
        {
            sum += await context.WaitForExternalEvent<int>("item");
        }

        return sum;
    }
}

/// <summary>Waits for "answer" with a short timeout, then waits again without one: the second wait must get the event.</summary>
public sealed class TimeoutThenWaitOrchestrator : Orchestrator<int, string>
{
    public override async Task<string> RunAsync(OrchestrationContext context, int input)
    {
        string first;
        try
        {
            first = await context.WaitForExternalEvent<string>("answer", TimeSpan.FromSeconds(input));
        }
        catch (TaskCanceledException)
        {
            first = "timed out";
        }

        context.SetCustomStatus("waiting again");
        string second = await context.WaitForExternalEvent<string>("answer");
        return $"{first}; then {second}";
    }
}

/// <summary>One live event wait raced against successive reminder timers, as the approval flow does it.</summary>
public sealed class ReminderOrchestrator : Orchestrator<ReminderInput, string>
{
    public override async Task<string> RunAsync(OrchestrationContext context, ReminderInput input)
    {
        using CancellationTokenSource waitCts = new();
        Task<string> decision = context.WaitForExternalEvent<string>("decision", waitCts.Token);
        for (int reminder = 0; reminder <= input.Reminders; reminder++)
        {
            using CancellationTokenSource timerCts = new();
            Task timer = context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(input.MinutesBetween), timerCts.Token);
            if (await Task.WhenAny(decision, timer) == decision)
            {
                timerCts.Cancel();
                return $"{await decision} after {reminder} reminders";
            }

            if (reminder < input.Reminders)
            {
                await context.CallActivityAsync<int>(nameof(EchoActivity), reminder);
            }
        }

        waitCts.Cancel();
        return "expired";
    }
}

public sealed record ReminderInput(int Reminders, double MinutesBetween);

/// <summary>Sleeps on a durable timer and returns the turn time it woke up at.</summary>
public sealed class TimerOrchestrator : Orchestrator<double, DateTime>
{
    public override async Task<DateTime> RunAsync(OrchestrationContext context, double seconds)
    {
        await context.CreateTimer(TimeSpan.FromSeconds(seconds), CancellationToken.None);
        return context.CurrentUtcDateTime;
    }
}

/// <summary>Calls a flaky activity with a retry policy; returns the attempt that succeeded.</summary>
public sealed class RetryOrchestrator : Orchestrator<RetryInput, int>
{
    public override Task<int> RunAsync(OrchestrationContext context, RetryInput input)
    {
        RetryPolicy policy = new(input.MaxAttempts, TimeSpan.FromSeconds(input.FirstIntervalSeconds), input.Backoff, maxRetryInterval: TimeSpan.FromSeconds(input.MaxIntervalSeconds))
        {
            HandleFailure = failure => !input.OnlyArgumentErrors || failure.IsCausedBy<ArgumentException>(),
        };
        return context.CallActivityAsync<int>(nameof(FlakyActivity), input.SucceedOnAttempt, TaskOptions.FromRetryPolicy(policy));
    }
}

public sealed record RetryInput(int SucceedOnAttempt, int MaxAttempts, double FirstIntervalSeconds, double Backoff = 2, double MaxIntervalSeconds = 3600, bool OnlyArgumentErrors = false);

/// <summary>Calls a throwing activity; returns what the failure said, or rethrows when asked.</summary>
public sealed class CatchFailureOrchestrator : Orchestrator<bool, string>
{
    public override async Task<string> RunAsync(OrchestrationContext context, bool rethrow)
    {
        try
        {
            return await context.CallActivityAsync<string>(nameof(ThrowingActivity), "boom");
        }
        catch (TaskFailedException ex) when (!rethrow)
        {
            return $"{ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage}";
        }
    }
}

/// <summary>Runs a sequence as a sub-orchestration (and a missing one, if asked) and returns the child's result.</summary>
public sealed class ParentOrchestrator : Orchestrator<string?, int>
{
    public override async Task<int> RunAsync(OrchestrationContext context, string? childName)
    {
        return await context.CallSubOrchestratorAsync<int>(childName ?? nameof(SequenceOrchestrator), new SequenceInput(3), new SubOrchestrationOptions(instanceId: context.InstanceId + ":child"));
    }
}

/// <summary>Adds "add" events to a running total across ContinueAsNew generations until it reaches the target.</summary>
public sealed class CounterOrchestrator : Orchestrator<CounterState, int>
{
    public override async Task<int> RunAsync(OrchestrationContext context, CounterState state)
    {
        if (state.Total >= state.Target)
        {
            return state.Total;
        }

        int add = await context.WaitForExternalEvent<int>("add");
        context.ContinueAsNew(state with { Total = state.Total + add, Generation = state.Generation + 1 });
        return state.Total;
    }
}

public sealed record CounterState(int Target, int Total = 0, int Generation = 0);

/// <summary>Sets a custom status of the given length, then finishes.</summary>
public sealed class CustomStatusOrchestrator : Orchestrator<int, string>
{
    public override async Task<string> RunAsync(OrchestrationContext context, int length)
    {
        context.SetCustomStatus(new string('x', length));
        await context.CallActivityAsync<int>(nameof(EchoActivity), 1);
        return "done";
    }
}

/// <summary>Makes GUIDs before and after an activity; replays must give the same ones.</summary>
public sealed class GuidOrchestrator : Orchestrator<int, string[]>
{
    public override async Task<string[]> RunAsync(OrchestrationContext context, int input)
    {
        Guid first = context.NewGuid();
        await context.CallActivityAsync<int>(nameof(EchoActivity), input);
        Guid second = context.NewGuid();
        await context.CallActivityAsync<int>(nameof(EchoActivity), input);
        return [first.ToString(), second.ToString(), context.NewGuid().ToString()];
    }
}

/// <summary>Calls an activity that is not registered.</summary>
public sealed class UnknownActivityOrchestrator : Orchestrator<int, string>
{
    public override async Task<string> RunAsync(OrchestrationContext context, int input)
    {
        await context.CallActivityAsync<int>("NoSuchActivity", input);
        return "unreachable";
    }
}

/// <summary>Schedules a different activity depending on a static switch: changing it between turns breaks determinism.</summary>
public sealed class SwitchingOrchestrator : Orchestrator<int, int>
{
    public static bool UseThrowing { get; set; }

    public override async Task<int> RunAsync(OrchestrationContext context, int input)
    {
        await context.WaitForExternalEvent<int>("go");
        if (UseThrowing)
        {
            await context.CallActivityAsync<string>(nameof(ThrowingActivity), "x");
        }
        else
        {
            await context.CallActivityAsync<int>(nameof(EchoActivity), input);
        }

        return await context.WaitForExternalEvent<int>("go");
    }
}

/// <summary>Returns while a timer is still pending: the instance must stay Running until it fires.</summary>
public sealed class ForgottenTimerOrchestrator : Orchestrator<double, string>
{
    public override Task<string> RunAsync(OrchestrationContext context, double seconds)
    {
        _ = context.CreateTimer(TimeSpan.FromSeconds(seconds), CancellationToken.None);
        return Task.FromResult("returned early");
    }
}
