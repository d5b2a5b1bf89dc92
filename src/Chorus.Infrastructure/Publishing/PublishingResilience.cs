using System.Net;
using Chorus.Infrastructure.Mentions;
using Chorus.Posts.Publishing;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Chorus.Infrastructure.Publishing;

/// <summary>
/// The resilience pipeline of the publishers' HTTP client: retries with exponential back-off and jitter around a
/// per-attempt timeout (<see cref="PublishingOptions.HttpTimeout"/>).
/// </summary>
/// <remarks>
/// A 429 is retried for any request, after the wait the network asks for (<see cref="RetryAfterHeaders"/>) when it is at
/// most <see cref="PublishingOptions.MaxRetryDelay"/>: the network took nothing. Server errors, timeouts and network
/// errors are retried only for requests marked <see cref="PublishingHttp.Repeatable"/>: a create without the network's
/// own deduplication may have gone through, and its publisher looks for the post before it tries again.
/// </remarks>
internal static class PublishingResilience
{
    /// <summary>The pipeline's name, under the client's.</summary>
    public const string PipelineName = "publishing";

    /// <summary>Adds the strategies to <paramref name="builder"/>.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, PublishingOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder
            .AddRetry(new HttpRetryStrategyOptions
            {
                // Polly needs at least one; with MaxRetries 0, ShouldHandle never asks for it.
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(args.AttemptNumber < options.MaxRetries && ShouldRetry(args.Outcome, args.Context, options.MaxRetryDelay, time)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response && RetryAfterHeaders.IsThrottling(response, time.GetUtcNow(), out TimeSpan? wait) ? wait : null),
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.HttpTimeout });
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan maxWait, TimeProvider time)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } throttled)
        {
            return !(RetryAfterHeaders.IsThrottling(throttled, time.GetUtcNow(), out TimeSpan? wait) && wait > maxWait);
        }

        bool repeatable = context.GetRequestMessage() is { } request && request.Options.TryGetValue(PublishingHttp.Repeatable, out bool marked) && marked;
        return repeatable && HttpClientResiliencePredicates.IsTransient(outcome)
            && !(outcome.Result is { } response && RetryAfterHeaders.IsThrottling(response, time.GetUtcNow(), out TimeSpan? asked) && asked > maxWait);
    }
}
