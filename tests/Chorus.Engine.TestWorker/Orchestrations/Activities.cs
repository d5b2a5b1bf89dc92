using System.Collections.Concurrent;
using Chorus.Orchestration;

namespace Chorus.Engine.TestWorker.Orchestrations;

/// <summary>Returns its input.</summary>
public sealed class EchoActivity : Activity<int, int>
{
    public override Task<int> RunAsync(ActivityContext context, int input, CancellationToken cancellationToken) => Task.FromResult(input);
}

/// <summary>Returns its input after a pause, so a test can kill the host while it runs.</summary>
public sealed class SlowEchoActivity : Activity<int, int>
{
    public override async Task<int> RunAsync(ActivityContext context, int input, CancellationToken cancellationToken)
    {
        await Task.Delay(150, cancellationToken);
        return input;
    }
}

/// <summary>Fails until its attempt count for the instance reaches the input, then returns the attempt count.</summary>
public sealed class FlakyActivity : Activity<int, int>
{
    public static ConcurrentDictionary<string, int> Attempts { get; } = new();

    public override Task<int> RunAsync(ActivityContext context, int input, CancellationToken cancellationToken)
    {
        int attempt = Attempts.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
        return attempt < input
            ? throw new TimeoutException($"attempt {attempt} failed")
            : Task.FromResult(attempt);
    }
}

/// <summary>Always throws.</summary>
public sealed class ThrowingActivity : Activity<string, string>
{
    public override Task<string> RunAsync(ActivityContext context, string input, CancellationToken cancellationToken)
        => throw new InvalidOperationException(input);
}
