namespace Chorus.Posts.Publishing;

/// <summary>
/// The idempotency key of one post on one channel, kept once as <c>publications/{channel}.key.json</c> before the first
/// call to the network, so that every retry sends the same key and knows an earlier attempt may have published.
/// </summary>
public sealed record PublicationKey(string Key, DateTimeOffset RecordedAt);
