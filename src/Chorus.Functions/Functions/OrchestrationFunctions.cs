using Chorus.Functions.Durable;
using Chorus.Mail;
using Chorus.Mentions.Triage;
using Chorus.Posts;
using Chorus.Posts.Policy;
using Chorus.Posts.Publishing;
using Chorus.Posts.Review;
using Chorus.Sentiment;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Chorus.Functions.Functions;

/// <summary>
/// One orchestrator function per orchestrator and one activity function per activity in <see cref="Chorus.Durable.ChorusTasks"/>,
/// each under its class name and each running the very class the self-host's worker registers. Inputs and outputs go
/// through Durable's data converter, which is Chorus's JSON shape (see Program.cs). Activities are created from the
/// invocation's services, as the self-host's worker creates them from its own.
/// </summary>
internal static class OrchestrationFunctions
{
    /// <summary>Reviews a staff post.</summary>
    [Function(nameof(PostReviewOrchestrator))]
    public static Task<PostOutcome> PostReview([OrchestrationTrigger] TaskOrchestrationContext context) => new PostReviewOrchestrator().RunAsync(context, context.GetInput<PostSubmission>()!);

    /// <summary>Triages a mention.</summary>
    [Function(nameof(MentionTriageOrchestrator))]
    public static Task<MentionOutcome> MentionTriage([OrchestrationTrigger] TaskOrchestrationContext context) => new MentionTriageOrchestrator().RunAsync(context, context.GetInput<MentionTriageInput>()!);

    /// <summary>Activity <see cref="ScorePostActivity"/>.</summary>
    [Function(nameof(ScorePostActivity))]
    public static Task<DocumentSentiment?> ScorePost([ActivityTrigger] PostSubmission input, string instanceId, FunctionContext context) => Activity<ScorePostActivity>(context).RunAsync(new FunctionActivityContext(nameof(ScorePostActivity), instanceId), input);

    /// <summary>Activity <see cref="CheckPostActivity"/>.</summary>
    [Function(nameof(CheckPostActivity))]
    public static Task<PolicyReport> CheckPost([ActivityTrigger] CheckPostInput input, string instanceId, FunctionContext context) => Activity<CheckPostActivity>(context).RunAsync(new FunctionActivityContext(nameof(CheckPostActivity), instanceId), input);

    /// <summary>Activity <see cref="PlanReviewActivity"/>.</summary>
    [Function(nameof(PlanReviewActivity))]
    public static Task<ReviewPlan> PlanReview([ActivityTrigger] PlanReviewInput input, string instanceId, FunctionContext context) => Activity<PlanReviewActivity>(context).RunAsync(new FunctionActivityContext(nameof(PlanReviewActivity), instanceId), input);

    /// <summary>Activity <see cref="RequestApprovalActivity"/>.</summary>
    [Function(nameof(RequestApprovalActivity))]
    public static Task<MailDelivery> RequestApproval([ActivityTrigger] ApprovalRequest input, string instanceId, FunctionContext context) => Activity<RequestApprovalActivity>(context).RunAsync(new FunctionActivityContext(nameof(RequestApprovalActivity), instanceId), input);

    /// <summary>Activity <see cref="ConcludePostActivity"/>.</summary>
    [Function(nameof(ConcludePostActivity))]
    public static Task<MailDelivery> ConcludePost([ActivityTrigger] ConcludePostInput input, string instanceId, FunctionContext context) => Activity<ConcludePostActivity>(context).RunAsync(new FunctionActivityContext(nameof(ConcludePostActivity), instanceId), input);

    /// <summary>Activity <see cref="RecordPostStatusActivity"/>.</summary>
    [Function(nameof(RecordPostStatusActivity))]
    public static Task<bool> RecordPostStatus([ActivityTrigger] PostStatusChange input, string instanceId, FunctionContext context) => Activity<RecordPostStatusActivity>(context).RunAsync(new FunctionActivityContext(nameof(RecordPostStatusActivity), instanceId), input);

    /// <summary>Activity <see cref="PlanPublicationActivity"/>.</summary>
    [Function(nameof(PlanPublicationActivity))]
    public static Task<IReadOnlyList<PublicationTarget>> PlanPublication([ActivityTrigger] PostSubmission input, string instanceId, FunctionContext context) => Activity<PlanPublicationActivity>(context).RunAsync(new FunctionActivityContext(nameof(PlanPublicationActivity), instanceId), input);

    /// <summary>Activity <see cref="PublishPostActivity"/>.</summary>
    [Function(nameof(PublishPostActivity))]
    public static Task<Publication> PublishPost([ActivityTrigger] PublishInput input, string instanceId, FunctionContext context) => Activity<PublishPostActivity>(context).RunAsync(new FunctionActivityContext(nameof(PublishPostActivity), instanceId), input);

    /// <summary>Activity <see cref="RecordPublicationsActivity"/>.</summary>
    [Function(nameof(RecordPublicationsActivity))]
    public static Task<MailDelivery> RecordPublications([ActivityTrigger] PublicationsInput input, string instanceId, FunctionContext context) => Activity<RecordPublicationsActivity>(context).RunAsync(new FunctionActivityContext(nameof(RecordPublicationsActivity), instanceId), input);

    /// <summary>Activity <see cref="RecordMentionActivity"/>.</summary>
    [Function(nameof(RecordMentionActivity))]
    public static Task<TriageTimings> RecordMention([ActivityTrigger] MentionTriageInput input, string instanceId, FunctionContext context) => Activity<RecordMentionActivity>(context).RunAsync(new FunctionActivityContext(nameof(RecordMentionActivity), instanceId), input);

    /// <summary>Activity <see cref="RequestMentionDecisionActivity"/>.</summary>
    [Function(nameof(RequestMentionDecisionActivity))]
    public static Task<MailDelivery> RequestMentionDecision([ActivityTrigger] MentionDecisionRequest input, string instanceId, FunctionContext context) => Activity<RequestMentionDecisionActivity>(context).RunAsync(new FunctionActivityContext(nameof(RequestMentionDecisionActivity), instanceId), input);

    /// <summary>Activity <see cref="ConcludeMentionActivity"/>.</summary>
    [Function(nameof(ConcludeMentionActivity))]
    public static Task<string> ConcludeMention([ActivityTrigger] ConcludeMentionInput input, string instanceId, FunctionContext context) => Activity<ConcludeMentionActivity>(context).RunAsync(new FunctionActivityContext(nameof(ConcludeMentionActivity), instanceId), input);

    private static TActivity Activity<TActivity>(FunctionContext context)
        where TActivity : ITaskActivity
        => ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(context.InstanceServices);
}
