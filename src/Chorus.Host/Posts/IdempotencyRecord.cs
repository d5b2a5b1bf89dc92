namespace Chorus.Host.Posts;

/// <summary>What an <c>Idempotency-Key</c> was first used for: the body's hash and the post it created.</summary>
internal sealed record IdempotencyRecord(string BodyHash, string PostId, DateTimeOffset At);
