using Chorus.Artefacts;
using Chorus.Posts;
using Chorus.Posts.Policy;
using Chorus.Posts.Publishing;
using Chorus.Posts.Review;
using Chorus.Sentiment;

namespace Chorus.Host.Posts;

/// <summary>
/// A post as <c>GET /api/posts/{postId}</c> shows it: what was submitted, where its review stands (the stage it waits
/// in), what the checks and the sentiment analysis found, the decision once there is one, where it was published (or
/// left to its author to post), and every step so far. A <see cref="PostKind.Reply"/> names the mention it answers in
/// <c>InReplyTo</c>.
/// </summary>
internal sealed record PostView(
    string PostId,
    PostKind Kind,
    PostStatus Status,
    string? Stage,
    PostAuthor Author,
    string Text,
    IReadOnlyList<string> Channels,
    IReadOnlyList<Uri> Links,
    DateTimeOffset? ScheduledAt,
    DateTimeOffset SubmittedAt,
    DocumentSentiment? Sentiment,
    IReadOnlyList<PolicyFinding>? Findings,
    PostOutcome? Decision,
    PostReplyTarget? InReplyTo,
    IReadOnlyList<Publication> Publications,
    IReadOnlyList<AuditEntry> Timeline);
