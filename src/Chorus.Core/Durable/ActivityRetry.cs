using Microsoft.DurableTask;

namespace Chorus.Durable;

/// <summary>
/// How every Chorus activity is retried: activities touch Blob Storage, SMTP and sentiment services, whose passing
/// failures should cost a short wait, not a failed review.
/// </summary>
public static class ActivityRetry
{
    /// <summary>Gets five attempts, 2 s apart at first, doubling to at most a minute.</summary>
    public static TaskOptions Default { get; } = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));
}
