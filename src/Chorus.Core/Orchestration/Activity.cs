namespace Chorus.Orchestration;

/// <summary>What an activity knows of the orchestration that called it.</summary>
public sealed record ActivityContext(string Name, string InstanceId);

/// <summary>An activity as the hosts see it: untyped input in, untyped output out.</summary>
public interface IActivity
{
    /// <summary>Gets the CLR type the input is deserialized to.</summary>
    Type InputType { get; }

    /// <summary>Runs the activity.</summary>
    Task<object?> RunAsync(ActivityContext context, object? input, CancellationToken cancellationToken);
}

/// <summary>
/// Base class for activities, shaped like Durable's <c>TaskActivity&lt;TInput, TOutput&gt;</c>. Activities may do
/// I/O; they run at least once, so each must be idempotent.
/// </summary>
public abstract class Activity<TInput, TOutput> : IActivity
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <summary>Runs the activity.</summary>
    public abstract Task<TOutput> RunAsync(ActivityContext context, TInput input, CancellationToken cancellationToken);

    async Task<object?> IActivity.RunAsync(ActivityContext context, object? input, CancellationToken cancellationToken)
        => await RunAsync(context, (TInput)input!, cancellationToken).ConfigureAwait(false);
}
