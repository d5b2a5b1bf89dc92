using Microsoft.DurableTask;

namespace Chorus.Benchmarks.Engine;

/// <summary>The engine benchmark's own orchestrators and activities, registered next to Chorus's by the self-host's wiring.</summary>
internal static class BenchmarkOrchestrations
{
    /// <summary>Registers every benchmark orchestrator and activity under its class name.</summary>
    public static void AddTo(DurableTaskRegistry registry)
    {
        registry.AddOrchestrator<SequenceOrchestrator>();
        registry.AddOrchestrator<FanOutOrchestrator>();
        registry.AddOrchestrator<EventLoopOrchestrator>();
        registry.AddActivity<EchoActivity>();
    }
}

/// <summary>Calls <see cref="EchoActivity"/> <c>input</c> times in a row and returns the sum.</summary>
internal sealed class SequenceOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        int sum = 0;
        for (int i = 1; i <= input; i++)
        {
            sum += await context.CallActivityAsync<int>(nameof(EchoActivity), i);
        }

        return sum;
    }
}

/// <summary>Fans out <c>input</c> <see cref="EchoActivity"/> calls at once, waits for all of them and returns the sum.</summary>
internal sealed class FanOutOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        int[] results = await Task.WhenAll(Enumerable.Range(1, input).Select(i => context.CallActivityAsync<int>(nameof(EchoActivity), i)));
        return results.Sum();
    }
}

/// <summary>Takes <c>input</c> external events named "item", one after another, and returns the sum of their payloads.</summary>
internal sealed class EventLoopOrchestrator : TaskOrchestrator<int, int>
{
    public const string EventName = "item";

    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        int sum = 0;
        for (int i = 0; i < input; i++)
        {
            sum += await context.WaitForExternalEvent<int>(EventName);
        }

        return sum;
    }
}

/// <summary>Returns its input.</summary>
internal sealed class EchoActivity : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input);
}
