namespace Chorus.Posts.Review;

/// <summary>
/// The review's custom status: where it stands and, while waiting, which stage and phase. The approval endpoints
/// read it to refuse a decision for a stage that is no longer waiting.
/// </summary>
public sealed record PostProgress(PostStatus Status, int? Stage = null, string? StageName = null, string? Phase = null);
