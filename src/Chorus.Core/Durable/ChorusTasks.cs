using Chorus.Mentions.Triage;
using Chorus.Posts.Publishing;
using Chorus.Posts.Review;
using Microsoft.DurableTask;

namespace Chorus.Durable;

/// <summary>
/// Every orchestrator and activity of Chorus, registered under its class name. The self-host's worker registers
/// them with <see cref="AddChorusTasks"/>; the Azure Functions app declares one function per entry under the same names.
/// </summary>
public static class ChorusTasks
{
    /// <summary>Gets the orchestrator classes.</summary>
    public static IReadOnlyList<Type> Orchestrators { get; } = [typeof(PostReviewOrchestrator), typeof(MentionTriageOrchestrator)];

    /// <summary>Gets the activity classes.</summary>
    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(ScorePostActivity),
        typeof(CheckPostActivity),
        typeof(PlanReviewActivity),
        typeof(RequestApprovalActivity),
        typeof(ConcludePostActivity),
        typeof(RecordPostStatusActivity),
        typeof(PlanPublicationActivity),
        typeof(PublishPostActivity),
        typeof(RecordPublicationsActivity),
        typeof(RecordMentionActivity),
        typeof(RequestMentionDecisionActivity),
        typeof(ConcludeMentionActivity),
    ];

    /// <summary>Registers every orchestrator and activity; activities are created from the worker's services.</summary>
    public static DurableTaskRegistry AddChorusTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (Type orchestrator in Orchestrators)
        {
            registry.AddOrchestrator(orchestrator);
        }

        foreach (Type activity in Activities)
        {
            registry.AddActivity(activity);
        }

        return registry;
    }
}
