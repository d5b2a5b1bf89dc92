using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// The resilience pipeline of the sources' HTTP client, one instance per host (scheme, host and port), so that a
/// failing host opens only its own circuit. From the outside in: the total timeout, retries, the circuit breaker, and
/// the per-attempt timeout.
/// </summary>
/// <remarks>
/// Only transient failures are retried: network errors, timeouts, 408, 429 and 5xx. A wait the source asks for
/// (<see cref="RetryAfterHeaders"/>) is honoured when it is at most <see cref="MentionsResilienceOptions.MaxRetryDelay"/>;
/// a longer one (an hour of X's rate limit) is not sat out inside a poll: the response comes back as it is, the poll
/// fails as throttled, and the monitor pauses the source for as long as it asked.
/// </remarks>
internal static class SourceResilience
{
    /// <summary>The pipeline's name, under the client's.</summary>
    public const string PipelineName = "sources";

    /// <summary>The window the circuit breaker counts failures in.</summary>
    internal static readonly TimeSpan SamplingDuration = TimeSpan.FromMinutes(10);

    private const double FailureRatio = 0.5;

    /// <summary>Adds the strategies to <paramref name="builder"/>.</summary>
    /// <param name="builder">The pipeline being built.</param>
    /// <param name="options">The validated <c>Mentions</c> options.</param>
    /// <param name="time">The clock a <c>Retry-After</c> date is read against, as <see cref="SourceHttp"/> reads it.</param>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, MentionsOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        MentionsResilienceOptions resilience = options.Resilience;
        builder
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = resilience.TotalTimeout })
            .AddRetry(new HttpRetryStrategyOptions
            {
                // Polly needs at least one; with MaxRetries 0, ShouldHandle never asks for it.
                MaxRetryAttempts = Math.Max(1, resilience.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = resilience.RetryDelay,
                MaxDelay = resilience.MaxRetryDelay,

                // Replaced by a generator that reads the same header, and x-rate-limit-reset, on the sources' clock.
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(
                    args.AttemptNumber < resilience.MaxRetries && ShouldRetry(args.Outcome, resilience.MaxRetryDelay, time)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response && RetryAfterHeaders.IsThrottling(response, time.GetUtcNow(), out TimeSpan? wait) ? wait : null),
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = FailureRatio,
                MinimumThroughput = resilience.CircuitMinimumRequests,
                SamplingDuration = SamplingDuration,
                BreakDuration = resilience.CircuitBreakDuration,

                // Throttling says the host is up and busy: the source is paused as it asks, not cut off.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.HttpTimeout });
    }

    /// <summary>Whether an attempt's outcome is transient and any wait it asks for short enough to sit out.</summary>
    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxWait, TimeProvider time) =>
        HttpClientResiliencePredicates.IsTransient(outcome)
        && !(outcome.Result is { } response && RetryAfterHeaders.IsThrottling(response, time.GetUtcNow(), out TimeSpan? wait) && wait > maxWait);
}
