using Chorus.Durable;
using Chorus.Mail;
using Microsoft.DurableTask;

namespace Chorus.Mentions.Triage;

/// <summary>Typed calls of the triage activities: each activity's name and types are written once, here.</summary>
public static class MentionTriageCalls
{
    /// <summary>Calls <see cref="RecordMentionActivity"/>.</summary>
    public static Task<TriageTimings> CallRecordMentionAsync(this TaskOrchestrationContext context, MentionTriageInput input)
        => context.CallActivityAsync<TriageTimings>(nameof(RecordMentionActivity), input, ActivityRetry.Default);

    /// <summary>Calls <see cref="RequestMentionDecisionActivity"/>.</summary>
    public static Task<MailDelivery> CallRequestMentionDecisionAsync(this TaskOrchestrationContext context, MentionDecisionRequest request)
        => context.CallActivityAsync<MailDelivery>(nameof(RequestMentionDecisionActivity), request, ActivityRetry.Default);

    /// <summary>Calls <see cref="ConcludeMentionActivity"/>.</summary>
    public static Task<string> CallConcludeMentionAsync(this TaskOrchestrationContext context, ConcludeMentionInput input)
        => context.CallActivityAsync<string>(nameof(ConcludeMentionActivity), input, ActivityRetry.Default);
}
