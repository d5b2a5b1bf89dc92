using Microsoft.DurableTask;

namespace Chorus.Functions.Durable;

/// <summary>
/// What a <see cref="TaskActivity{TInput, TOutput}"/> is told about its call when an activity function runs it: the
/// activity's name and the calling orchestration's id. The Durable Task source generator
/// (Microsoft.DurableTask.Generators) emits the same small implementation for its generated activity functions.
/// </summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    /// <inheritdoc/>
    public override TaskName Name { get; } = name;

    /// <inheritdoc/>
    public override string InstanceId { get; } = instanceId;
}
