namespace Chorus.Mentions;

/// <summary>A place customers talk: polled incrementally with the source's own cursor.</summary>
public interface IMentionSource
{
    /// <summary>Gets the configured name of this source (also the artefact folder and the cursor's name).</summary>
    string Name { get; }

    /// <summary>Fetches mentions newer than <paramref name="cursor"/> (null: the first poll), paging until caught up or the per-poll cap.</summary>
    /// <exception cref="MentionSourceException">The source failed, refused, or throttled (see <see cref="MentionSourceException.RetryAfter"/>).</exception>
    Task<MentionBatch> PollAsync(string? cursor, CancellationToken cancellationToken = default);
}
