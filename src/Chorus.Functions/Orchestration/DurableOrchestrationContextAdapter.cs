// The orchestration port (Chorus.Orchestration.OrchestrationContext) over Durable Functions' real context, one member
// per port member. Written against these public sources (repository, path, commit read):
//   microsoft/durabletask-dotnet
//     src/Abstractions/TaskOrchestrationContext.cs  1976de60e1d85593c9850cfae39caa12787241b5
//       Name (TaskName), InstanceId, CurrentUtcDateTime, IsReplaying, GetInput<T>(),
//       CallActivityAsync<TResult>(TaskName, object?, TaskOptions?), CreateTimer(DateTime, CancellationToken),
//       WaitForExternalEvent<T>(string, CancellationToken), SetCustomStatus(object?),
//       CallSubOrchestratorAsync<TResult>(TaskName, object?, TaskOptions?), ContinueAsNew(object?, bool), NewGuid(),
//       CreateReplaySafeLogger(string)
//     src/Abstractions/TaskName.cs                  380c622f7180804758ce1233c5a91c8a92335c74  (string <-> TaskName)
//     src/Abstractions/TaskOptions.cs               89a5fef9f16b4c45ea2d9a2654d6ac98397d4106  (TaskOptions, SubOrchestrationOptions)
//     src/Abstractions/TaskRetryOptions.cs          323da6d35aaddbfbb33d21494b11c7d290127f74
//     src/Abstractions/RetryPolicy.cs               3230de7e2fd808e87b80e91c1e441d1f60d94f37  (HandleTaskFailureDetails)
//     src/Abstractions/TaskFailedException.cs       ac8e2e3176a15da18fdcad20daf884a59d333923
//     src/Abstractions/TaskFailureDetails.cs        6a1f434ed30ba21491f95eadca28d20bb7ee43b4
//   Azure/azure-functions-durable-extension
//     src/Worker.Extensions.DurableTask/OrchestrationTriggerAttribute.cs  a940ea1c8d66ed60cfd4f483d75fef9920fa7518
//     src/Worker.Extensions.DurableTask/FunctionsWorkerApplicationBuilderExtensions.cs 956ca53d86c91a4c097fcfdc57276878c5d7b866
//       (the worker's ObjectSerializer becomes Durable's DataConverter, so Program.cs sets it to DurableJson.Options)
// Everything here runs inside the orchestrator: it awaits on Durable's synchronization context (no ConfigureAwait) and
// adds no behaviour of its own beyond translating types and exceptions.

using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Port = Chorus.Orchestration;

namespace Chorus.Functions.Orchestration;

/// <summary>Presents a Durable <see cref="TaskOrchestrationContext"/> as the port's <see cref="Port.OrchestrationContext"/>.</summary>
internal sealed class DurableOrchestrationContextAdapter(TaskOrchestrationContext inner) : Port.OrchestrationContext
{
    /// <inheritdoc/>
    public override string Name => inner.Name.Name;

    /// <inheritdoc/>
    public override string InstanceId => inner.InstanceId;

    /// <inheritdoc/>
    public override DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

    /// <inheritdoc/>
    public override bool IsReplaying => inner.IsReplaying;

    /// <inheritdoc/>
    public override T? GetInput<T>() where T : default => inner.GetInput<T>();

    /// <inheritdoc/>
    public override async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, Port.TaskOptions? options = null)
    {
        try
        {
            return await inner.CallActivityAsync<TResult>(name, input, ToDurable(options));
        }
        catch (TaskFailedException failure)
        {
            throw ToPort(failure);
        }
    }

    /// <inheritdoc/>
    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => inner.CreateTimer(fireAt, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// Durable keeps a cancelled waiter's place (azure-functions-durable-extension #3255), which the port forbids; the
    /// shared orchestrators never cancel a wait they still need, keeping one live wait per event name instead.
    /// </remarks>
    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
        => inner.WaitForExternalEvent<T>(eventName, cancellationToken);

    /// <inheritdoc/>
    public override void SetCustomStatus(object? customStatus) => inner.SetCustomStatus(customStatus);

    /// <inheritdoc/>
    public override async Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, Port.TaskOptions? options = null)
    {
        try
        {
            return await inner.CallSubOrchestratorAsync<TResult>(orchestratorName, input, ToDurable(options));
        }
        catch (TaskFailedException failure)
        {
            throw ToPort(failure);
        }
    }

    /// <inheritdoc/>
    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
        => inner.ContinueAsNew(newInput, preserveUnprocessedEvents);

    /// <inheritdoc/>
    public override Guid NewGuid() => inner.NewGuid();

    /// <inheritdoc/>
    public override ILogger CreateReplaySafeLogger(string categoryName) => inner.CreateReplaySafeLogger(categoryName);

    /// <summary>The port's options as Durable's: the same retry policy, and for a sub-orchestration its instance id.</summary>
    internal static TaskOptions? ToDurable(Port.TaskOptions? options) => options switch
    {
        null => null,
        Port.SubOrchestrationOptions sub => new SubOrchestrationOptions(ToDurable(sub.Retry), sub.InstanceId),
        { } other => new TaskOptions(ToDurable(other.Retry)),
    };

    /// <summary>The port's retry policy as Durable's, with the failure predicate translated both ways.</summary>
    internal static TaskRetryOptions? ToDurable(Port.RetryPolicy? policy)
    {
        if (policy is null)
        {
            return null;
        }

        RetryPolicy durable = policy.HandleFailure is { } handle
            ? new RetryPolicy(policy.MaxNumberOfAttempts, policy.FirstRetryInterval, policy.BackoffCoefficient, policy.MaxRetryInterval, policy.RetryTimeout)
            {
                HandleFailure = details => handle(ToPort(details)),
            }
            : new RetryPolicy(policy.MaxNumberOfAttempts, policy.FirstRetryInterval, policy.BackoffCoefficient, policy.MaxRetryInterval, policy.RetryTimeout);
        return new TaskRetryOptions(durable);
    }

    /// <summary>Durable's task failure as the port's, so shared <c>catch (TaskFailedException)</c> blocks see it.</summary>
    internal static Port.TaskFailedException ToPort(TaskFailedException failure)
        => new(failure.TaskName, failure.TaskId, ToPort(failure.FailureDetails));

    /// <summary>Durable's failure details as the port's, inner failures included.</summary>
    internal static Port.TaskFailureDetails ToPort(TaskFailureDetails details)
        => new(details.ErrorType, details.ErrorMessage, details.StackTrace, details.InnerFailure is null ? null : ToPort(details.InnerFailure));
}
