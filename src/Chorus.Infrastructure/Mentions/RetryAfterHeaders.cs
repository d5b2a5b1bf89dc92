using System.Globalization;
using System.Net;

namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// Tells throttling apart and reads how long a source asked us to wait: <c>Retry-After</c> (seconds or an HTTP date),
/// else <c>x-rate-limit-reset</c> (when the window reopens). One reading serves both the retry pipeline, which waits a
/// short wait out, and <see cref="SourceHttp"/>, which reports a long one so that the monitor pauses the source.
/// </summary>
internal static class RetryAfterHeaders
{
    /// <summary>
    /// Whether the response throttles: a 429, or a 503 that says when to come back (a 503 without a wait is an outage).
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="now">The time a date in the headers is measured from.</param>
    /// <param name="wait">The wait asked for, if any.</param>
    public static bool IsThrottling(HttpResponseMessage response, DateTimeOffset now, out TimeSpan? wait)
    {
        ArgumentNullException.ThrowIfNull(response);

        // Other statuses may carry the rate-limit headers too (X sends them on every response): they ask for nothing.
        wait = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable ? Read(response, now) : null;
        return response.StatusCode == HttpStatusCode.TooManyRequests || wait is not null;
    }

    /// <summary>Gets the wait the headers ask for, never negative, or null when they ask for none.</summary>
    private static TimeSpan? Read(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (retryAfter.Date is { } date)
            {
                return date > now ? date - now : TimeSpan.Zero;
            }
        }

        if (response.Headers.TryGetValues("x-rate-limit-reset", out IEnumerable<string>? values) && values.FirstOrDefault() is { } value)
        {
            // X sends epoch seconds; Mastodon, under the same (case-insensitive) name, an ISO 8601 time.
            DateTimeOffset? reset =
                long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long epochSeconds) && epochSeconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
                    ? DateTimeOffset.FromUnixTimeSeconds(epochSeconds)
                : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time) ? time
                : null;
            if (reset is { } at)
            {
                return at > now ? at - now : TimeSpan.Zero;
            }
        }

        return null;
    }
}
