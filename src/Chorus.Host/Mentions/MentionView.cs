using Chorus.Approvals;
using Chorus.Artefacts;
using Chorus.Host.Posts;
using Chorus.Mentions;
using Chorus.Mentions.Triage;
using Chorus.Posts;
using Chorus.Posts.Review;
using Chorus.Sentiment;
using Microsoft.DurableTask.Client;

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
    IReadOnlyList<AuditEntry> Timeline)
{
    /// <summary>Reads a mention as the API and the dashboard's Mention page show it, or null when there is no such mention.</summary>
    public static async Task<MentionView?> ReadAsync(string source, string mentionId, IArtefactStore artefacts, DurableTaskClient orchestrations, CancellationToken cancellationToken)
    {
        if (!MentionIds.IsValidSource(source) || !MentionIds.IsValid(mentionId)
            || await MentionReadModel.ReadMentionAsync(artefacts, source, mentionId, cancellationToken) is not { } mention)
        {
            return null;
        }

        MentionTriageRecord? triage = await MentionReadModel.ReadTriageAsync(artefacts, source, mentionId, cancellationToken);

        // outcome.json is written as triage concludes, a moment before its orchestration completes: it is the record.
        MentionOutcome? outcome = await artefacts.ReadJsonAsync<MentionOutcome>(MentionArtefacts.Outcome(source, mentionId), cancellationToken);
        MentionProgress? progress = null;
        if (outcome is null && triage?.Classification.NeedsAttention == true)
        {
            OrchestrationMetadata? instance = await orchestrations.GetInstanceAsync(MentionIds.InstanceId(source, mentionId), getInputsAndOutputs: true, cancellationToken);
            outcome = instance?.IsCompleted == true ? instance.ReadOutputAs<MentionOutcome>() : null;
            progress = instance?.ReadCustomStatusAs<MentionProgress>();
        }

        return new MentionView(
            mentionId,
            mention.Source,
            mention.SourceId,
            mention.Url,
            new MentionAuthor(mention.AuthorHandle, mention.AuthorName, mention.AuthorReach),
            mention.Text,
            mention.Language,
            mention.CreatedAt,
            triage?.Sentiment,
            triage?.Classification,
            outcome?.Status ?? progress?.Status ?? (triage?.Classification.NeedsAttention == true ? "awaiting" : "recorded"),
            progress?.Team ?? triage?.Classification.Team?.Name,
            outcome?.Decision,
            await ReadReplyAsync(artefacts, orchestrations, source, mentionId, cancellationToken),
            await MentionReadModel.ReadAuditAsync(artefacts, source, mentionId, cancellationToken));
    }

    /// <summary>The mention's reply and where its review stands; null when it has none.</summary>
    private static async Task<MentionReplyView?> ReadReplyAsync(IArtefactStore artefacts, DurableTaskClient orchestrations, string source, string mentionId, CancellationToken cancellationToken)
    {
        if (await MentionReadModel.ReadReplyAsync(artefacts, source, mentionId, cancellationToken) is not { } reply)
        {
            return null;
        }

        PostStanding standing = await PostStanding.ReadAsync(artefacts, orchestrations, reply, cancellationToken);
        return new MentionReplyView(
            reply.PostId,
            $"/api/posts/{reply.PostId}",
            reply.Author.Email,
            [.. reply.Channels.Select(c => c.ToString().ToLowerInvariant())],
            reply.Text,
            reply.SubmittedAt,
            standing.Status,
            standing.Stage,
            standing.Outcome);
    }
}

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
