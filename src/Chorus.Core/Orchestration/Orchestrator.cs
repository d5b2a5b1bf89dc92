namespace Chorus.Orchestration;

/// <summary>An orchestrator as the hosts see it: untyped input in, untyped output out.</summary>
public interface IOrchestrator
{
    /// <summary>Gets the CLR type the input is deserialized to.</summary>
    Type InputType { get; }

    /// <summary>Runs (or replays) the orchestration.</summary>
    Task<object?> RunAsync(OrchestrationContext context, object? input);
}

/// <summary>
/// Base class for orchestrators, shaped like Durable's <c>TaskOrchestrator&lt;TInput, TOutput&gt;</c>.
/// Implementations must be deterministic: everything non-deterministic goes through the context or an activity.
/// </summary>
public abstract class Orchestrator<TInput, TOutput> : IOrchestrator
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <summary>Runs (or replays) the orchestration.</summary>
    public abstract Task<TOutput> RunAsync(OrchestrationContext context, TInput input);

    async Task<object?> IOrchestrator.RunAsync(OrchestrationContext context, object? input)
        => await RunAsync(context, (TInput)input!).ConfigureAwait(true);
}
