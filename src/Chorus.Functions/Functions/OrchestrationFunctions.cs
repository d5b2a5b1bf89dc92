using System.Text.Json;
using Chorus.Functions.Orchestration;
using Chorus.Mentions.Triage;
using Chorus.Posts.Review;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Port = Chorus.Orchestration;

namespace Chorus.Functions.Functions;

/// <summary>
/// One orchestrator function per shared orchestrator and one activity function per shared activity, each under the
/// name the shared code calls it by. Orchestrators and activities are resolved from the same registrations the
/// self-host makes (<see cref="Port.OrchestrationRegistry"/>); inputs are read with <see cref="Port.DurableJson"/> into the type
/// the class declares, as the embedded engine does.
/// </summary>
internal sealed class OrchestrationFunctions(IServiceProvider services, Port.OrchestrationRegistry registry)
{
    /// <summary>Reviews a staff post.</summary>
    [Function(nameof(PostReviewOrchestrator))]
    public Task<object?> PostReview([OrchestrationTrigger] TaskOrchestrationContext context) => RunOrchestratorAsync(nameof(PostReviewOrchestrator), context);

    /// <summary>Triages a mention.</summary>
    [Function(nameof(MentionTriageOrchestrator))]
    public Task<object?> MentionTriage([OrchestrationTrigger] TaskOrchestrationContext context) => RunOrchestratorAsync(nameof(MentionTriageOrchestrator), context);

    /// <summary>Activity <see cref="ScorePostActivity"/>.</summary>
    [Function(nameof(ScorePostActivity))]
    public Task<object?> ScorePost([ActivityTrigger] JsonElement? input, FunctionContext context) => RunActivityAsync(nameof(ScorePostActivity), input, context);

    /// <summary>Activity <see cref="CheckPostActivity"/>.</summary>
    [Function(nameof(CheckPostActivity))]
    public Task<object?> CheckPost([ActivityTrigger] JsonElement? input, FunctionContext context) => RunActivityAsync(nameof(CheckPostActivity), input, context);

    /// <summary>Activity <see cref="PlanReviewActivity"/>.</summary>
    [Function(nameof(PlanReviewActivity))]
    public Task<object?> PlanReview([ActivityTrigger] JsonElement? input, FunctionContext context) => RunActivityAsync(nameof(PlanReviewActivity), input, context);

    /// <summary>Activity <see cref="RequestApprovalActivity"/>.</summary>
    [Function(nameof(RequestApprovalActivity))]
    public Task<object?> RequestApproval([ActivityTrigger] JsonElement? input, FunctionContext context) => RunActivityAsync(nameof(RequestApprovalActivity), input, context);

    /// <summary>Activity <see cref="ConcludePostActivity"/>.</summary>
    [Function(nameof(ConcludePostActivity))]
    public Task<object?> ConcludePost([ActivityTrigger] JsonElement? input, FunctionContext context) => RunActivityAsync(nameof(ConcludePostActivity), input, context);

    /// <summary>Activity <see cref="RecordMentionActivity"/>.</summary>
    [Function(nameof(RecordMentionActivity))]
    public Task<object?> RecordMention([ActivityTrigger] JsonElement? input, FunctionContext context) => RunActivityAsync(nameof(RecordMentionActivity), input, context);

    /// <summary>Activity <see cref="RequestMentionDecisionActivity"/>.</summary>
    [Function(nameof(RequestMentionDecisionActivity))]
    public Task<object?> RequestMentionDecision([ActivityTrigger] JsonElement? input, FunctionContext context) => RunActivityAsync(nameof(RequestMentionDecisionActivity), input, context);

    /// <summary>Activity <see cref="ConcludeMentionActivity"/>.</summary>
    [Function(nameof(ConcludeMentionActivity))]
    public Task<object?> ConcludeMention([ActivityTrigger] JsonElement? input, FunctionContext context) => RunActivityAsync(nameof(ConcludeMentionActivity), input, context);

    // Runs on Durable's orchestration thread: no ConfigureAwait, no I/O; reading the input is deterministic.
    private Task<object?> RunOrchestratorAsync(string name, TaskOrchestrationContext context)
    {
        Port.IOrchestrator orchestrator = (Port.IOrchestrator)services.GetRequiredService(
            registry.TryGetOrchestrator(name, out Type type) ? type : throw new InvalidOperationException($"No orchestrator is registered as '{name}'."));
        object? input = context.GetInput<JsonElement?>() is { } json ? json.Deserialize(orchestrator.InputType, Port.DurableJson.Options) : null;
        return orchestrator.RunAsync(new DurableOrchestrationContextAdapter(context), input);
    }

    private Task<object?> RunActivityAsync(string name, JsonElement? input, FunctionContext context)
    {
        Port.IActivity activity = (Port.IActivity)services.GetRequiredService(
            registry.TryGetActivity(name, out Type type) ? type : throw new InvalidOperationException($"No activity is registered as '{name}'."));
        string instanceId = context.BindingContext.BindingData.TryGetValue("instanceId", out object? id) ? id as string ?? string.Empty : string.Empty;
        return activity.RunAsync(new Port.ActivityContext(name, instanceId), input?.Deserialize(activity.InputType, Port.DurableJson.Options), context.CancellationToken);
    }
}
