namespace Chorus.Posts.Publishing;

/// <summary>
/// Publishes a post with one configured account (<see cref="PublishingOptions.Accounts"/>), never twice for one
/// idempotency key: each network's publisher uses what the network offers (Mastodon's <c>Idempotency-Key</c>, a
/// Bluesky record key, a look at X's recent posts) when <see cref="PublishRequest.MayExist"/> says an earlier attempt
/// may have reached it.
/// </summary>
public interface IPublisher
{
    /// <summary>Publishes the request's text; throws <see cref="PublishingException"/> when the network did not take it.</summary>
    Task<PublishedPost> PublishAsync(PublishRequest request, CancellationToken cancellationToken);
}
