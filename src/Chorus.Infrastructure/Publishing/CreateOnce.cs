using Chorus.Posts.Publishing;
using Polly;
using Polly.Retry;

namespace Chorus.Infrastructure.Publishing;

/// <summary>
/// Creates a post on a network that cannot deduplicate it by itself, never twice: before every attempt that follows
/// one whose fate is unknown (no answer, a server error; or an earlier activity run, <see cref="PublishRequest.MayExist"/>)
/// it looks for the post, and a post found is the result. A refusal after such an attempt is checked the same way: X
/// refuses a duplicate of a post it did take.
/// </summary>
internal static class CreateOnce
{
    /// <summary>Runs <paramref name="create"/> until it succeeds or fails for good, <paramref name="find"/> first whenever the post may exist.</summary>
    public static async Task<PublishedPost> RunAsync(
        Func<CancellationToken, Task<PublishedPost?>> find,
        Func<CancellationToken, Task<PublishedPost>> create,
        bool mayExist,
        PublishingOptions options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(options);
        ResiliencePipeline pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,

                // Only what the HTTP pipeline could not retry safely: it already sat out throttling.
                ShouldHandle = args => ValueTask.FromResult(args.AttemptNumber < options.MaxRetries && args.Outcome.Exception is PublishingException { Ambiguous: true }),
            })
            .Build();

        bool unsure = mayExist;
        return await pipeline.ExecuteAsync(
            async token =>
            {
                if (unsure && await find(token).ConfigureAwait(false) is { } existing)
                {
                    return existing;
                }

                try
                {
                    return await create(token).ConfigureAwait(false);
                }
                catch (PublishingException ex) when (ex.Ambiguous)
                {
                    unsure = true;
                    throw;
                }
                catch (PublishingException ex) when (ex.Permanent && unsure)
                {
                    if (await find(token).ConfigureAwait(false) is { } found)
                    {
                        return found;
                    }

                    throw;
                }
            },
            cancellationToken).ConfigureAwait(false);
    }
}
