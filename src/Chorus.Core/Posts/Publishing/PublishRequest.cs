namespace Chorus.Posts.Publishing;

/// <summary>
/// One post to publish with the account named <paramref name="Account"/>. <paramref name="IdempotencyKey"/> and
/// <paramref name="KeyRecordedAt"/> were kept before the first attempt and are the same on every retry;
/// <paramref name="MayExist"/> is true when an earlier attempt may have reached the network.
/// </summary>
public sealed record PublishRequest(
    string Account,
    string Text,
    PostKind Kind,
    ReplyTarget? InReplyTo,
    string IdempotencyKey,
    DateTimeOffset KeyRecordedAt,
    bool MayExist);
