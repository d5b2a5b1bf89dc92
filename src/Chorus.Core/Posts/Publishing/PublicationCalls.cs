using Chorus.Durable;
using Chorus.Mail;
using Microsoft.DurableTask;

namespace Chorus.Posts.Publishing;

/// <summary>Typed calls of the publication activities: each activity's name and types are written once, here.</summary>
public static class PublicationCalls
{
    /// <summary>
    /// Gets how a publication attempt is retried: four attempts, 30 s apart at first, doubling to at most ten minutes.
    /// Within one attempt the HTTP pipeline sits out short waits (<see cref="PublishingOptions.MaxRetries"/>); these are
    /// for the longer ones, and each starts by looking for what the last one may have published, so neither layer
    /// retries blindly.
    /// </summary>
    public static TaskOptions PublishRetry { get; } = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromSeconds(30), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(10)));

    /// <summary>Calls <see cref="PlanPublicationActivity"/>.</summary>
    public static Task<IReadOnlyList<PublicationTarget>> CallPlanPublicationAsync(this TaskOrchestrationContext context, PostSubmission post)
        => context.CallActivityAsync<IReadOnlyList<PublicationTarget>>(nameof(PlanPublicationActivity), post, ActivityRetry.Default);

    /// <summary>Calls <see cref="PublishPostActivity"/>.</summary>
    public static Task<Publication> CallPublishPostAsync(this TaskOrchestrationContext context, PublishInput input)
        => context.CallActivityAsync<Publication>(nameof(PublishPostActivity), input, PublishRetry);

    /// <summary>Calls <see cref="RecordPublicationsActivity"/>.</summary>
    public static Task<MailDelivery> CallRecordPublicationsAsync(this TaskOrchestrationContext context, PublicationsInput input)
        => context.CallActivityAsync<MailDelivery>(nameof(RecordPublicationsActivity), input, ActivityRetry.Default);
}
