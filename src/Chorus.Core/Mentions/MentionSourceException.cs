namespace Chorus.Mentions;

/// <summary>A source could not be polled; the monitor logs it with the source's name and retries on the next poll.</summary>
public sealed class MentionSourceException(string source, string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception($"Mention source '{source}': {message}", inner)
{
    /// <summary>Gets the source's name.</summary>
    public string SourceName { get; } = source;

    /// <summary>Gets how long the source asked us to wait (429 / Retry-After), if it did.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
