using Chorus.Artefacts;
using Chorus.Posts;
using Chorus.Posts.Policy;
using Chorus.Posts.Publishing;
using Chorus.Posts.Review;
using Chorus.Sentiment;
using Microsoft.DurableTask.Client;

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
    IReadOnlyList<AuditEntry> Timeline)
{
    /// <summary>Reads a post as the API and the dashboard's Post page show it, or null when there is no such post.</summary>
    public static async Task<PostView?> ReadAsync(string postId, IArtefactStore artefacts, DurableTaskClient orchestrations, CancellationToken cancellationToken)
    {
        if (!PostIds.IsValid(postId) || await PostReadModel.ReadSubmissionAsync(artefacts, postId, cancellationToken) is not { } submission)
        {
            return null;
        }

        PostStanding standing = await PostStanding.ReadAsync(artefacts, orchestrations, submission, cancellationToken);
        return new PostView(
            submission.PostId,
            submission.Kind,
            standing.Status,
            standing.Stage,
            submission.Author,
            submission.Text,
            [.. submission.Channels.Select(c => c.ToString().ToLowerInvariant())],
            submission.Links,
            submission.ScheduledAt,
            submission.SubmittedAt,
            await PostReadModel.ReadSentimentAsync(artefacts, postId, cancellationToken),
            (await PostReadModel.ReadFindingsAsync(artefacts, postId, cancellationToken))?.Findings,
            standing.Outcome,
            submission.InReplyTo is { } mention ? PostReplyTarget.Of(mention) : null,
            await PublicationArtefacts.ReadAsync(artefacts, postId, cancellationToken),
            await PostReadModel.ReadAuditAsync(artefacts, postId, cancellationToken));
    }
}
