namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// How requests to the sources ride out failures, bound from <c>Mentions:Resilience</c>. Each request goes through a
/// total timeout, retries of transient failures (network errors, timeouts, 408, 429 and 5xx) with exponential back-off
/// and jitter, a circuit breaker per host, and the per-attempt timeout <see cref="MentionsOptions.HttpTimeout"/>.
/// </summary>
public sealed class MentionsResilienceOptions
{
    /// <summary>Gets or sets how many times a transiently failed request is tried again (0 to 10).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the first back-off; each later one doubles, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Gets or sets the longest wait before a retry, back-off or <c>Retry-After</c> alike. A source that asks for a
    /// longer wait is not retried within the poll: the poll fails as throttled and the source is paused as it asked.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long one request may take with all its attempts and waits.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Gets or sets how many requests to one host must have been made in the last 10 minutes before failures can open
    /// its circuit; it opens when at least half of them failed.
    /// </summary>
    public int CircuitMinimumRequests { get; set; } = 8;

    /// <summary>Gets or sets how long an open circuit refuses requests to its host before one is let through to try it.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromMinutes(2);
}
