namespace Chorus.Orchestration;

/// <summary>
/// Durable's declarative retry policy: attempts, first interval, exponential backoff capped at a maximum
/// interval, an overall timeout, and an optional predicate that decides which failures are worth retrying.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Initializes a retry policy, validating it the way Durable does.</summary>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        if (maxRetryInterval is { } max && max < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetryInterval), "The maximum retry interval must not be shorter than the first retry interval.");
        }

        if (retryTimeout is { } timeout && timeout != System.Threading.Timeout.InfiniteTimeSpan && timeout < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(retryTimeout), "The retry timeout must not be shorter than the first retry interval.");
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? System.Threading.Timeout.InfiniteTimeSpan;
    }

    /// <summary>Gets the number of attempts, the first included.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Gets the wait before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Gets the factor each further wait grows by.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Gets the longest wait between attempts.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Gets how long after the first attempt no further attempt starts (infinite by default).</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Gets a predicate that says whether a failure is worth retrying; null retries every failure.</summary>
    public Func<TaskFailureDetails, bool>? HandleFailure { get; init; }

    /// <summary>
    /// The wait before the next attempt after <paramref name="attempt"/> (0-based) failed, or null to stop.
    /// Same rule as DTFx's RetryInterceptor: first interval × coefficient^attempt, capped, within the timeout.
    /// </summary>
    public TimeSpan? NextDelay(int attempt, DateTime firstAttemptAt, DateTime now, TaskFailureDetails failure)
    {
        if (attempt >= MaxNumberOfAttempts - 1 || HandleFailure?.Invoke(failure) == false)
        {
            return null;
        }

        if (RetryTimeout != System.Threading.Timeout.InfiniteTimeSpan && now >= firstAttemptAt.Add(RetryTimeout))
        {
            return null;
        }

        double delayMs = FirstRetryInterval.TotalMilliseconds * Math.Pow(BackoffCoefficient, attempt);
        return delayMs < MaxRetryInterval.TotalMilliseconds ? TimeSpan.FromMilliseconds(delayMs) : MaxRetryInterval;
    }
}
