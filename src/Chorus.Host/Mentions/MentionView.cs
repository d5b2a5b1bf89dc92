using Chorus.Approvals;
using Chorus.Artefacts;
using Chorus.Mentions.Triage;
using Chorus.Posts;
using Chorus.Posts.Review;
using Chorus.Sentiment;

namespace Chorus.Host.Mentions;

/// <summary>
/// One mention as <c>GET /api/mentions/{source}/{mentionId}</c> shows it: what the customer wrote, how it was scored and
/// classified, and its triage: <c>recorded</c> (nobody needed), <c>awaiting</c> a team, or how it ended (the team's
/// action, or <c>expired</c>) with who decided, their comment, and every step; and the staff reply to it, if any.
/// </summary>
internal sealed record MentionView(
    string MentionId,
    string Source,
    string SourceId,
    Uri? Url,
    MentionAuthor Author,
    string Text,
    string? Language,
    DateTimeOffset CreatedAt,
    DocumentSentiment? Sentiment,
    MentionClassification? Classification,
    string State,
    string? Team,
    ApprovalDecision? Decision,
    MentionReplyView? Reply,
    IReadOnlyList<AuditEntry> Timeline);

/// <summary>Who wrote a mention: their handle on the network, their name where known, and their audience.</summary>
internal sealed record MentionAuthor(string Handle, string? Name, long? Reach);

/// <summary>
/// The staff reply to a mention: the post's id and its page in this API (<paramref name="Url"/>), who wrote it, where it
/// goes, its text, and where its review stands (<paramref name="Status"/>, the <paramref name="Stage"/> it waits in,
/// and the <paramref name="Outcome"/> once decided).
/// </summary>
internal sealed record MentionReplyView(
    string PostId,
    string Url,
    string Author,
    IReadOnlyList<string> Channels,
    string Text,
    DateTimeOffset SubmittedAt,
    PostStatus Status,
    string? Stage,
    PostOutcome? Outcome);
