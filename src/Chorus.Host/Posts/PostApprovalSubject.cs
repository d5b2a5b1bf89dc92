using System.Text.Json;
using Chorus.Approvals;
using Chorus.Artefacts;
using Chorus.Durable;
using Chorus.Host.Approvals;
using Chorus.Posts;
using Chorus.Posts.Policy;
using Chorus.Posts.Review;
using Chorus.Sentiment;
using Microsoft.DurableTask.Client;

namespace Chorus.Host.Posts;

/// <summary>Staff posts on the shared approval pages.</summary>
internal sealed class PostApprovalSubject(IArtefactStore artefacts, DurableTaskClient orchestrations, PostAudit audit, IWaitingApprovals waiting) : IApprovalSubject
{
    private const string InstancePrefix = "post-";

    public string Subject => "post";

    public Task<bool> TakesReplyAsync(ApprovalTokenClaims claims, CancellationToken cancellationToken) => Task.FromResult(false);

    public async Task<ApprovalPageModel?> DescribeAsync(ApprovalTokenClaims claims, CancellationToken cancellationToken)
    {
        if (PostIdOf(claims) is not { } postId || await PostReadModel.ReadSubmissionAsync(artefacts, postId, cancellationToken) is not { } post)
        {
            return null;
        }

        PolicyReport? report = await PostReadModel.ReadFindingsAsync(artefacts, postId, cancellationToken);
        DocumentSentiment? sentiment = await PostReadModel.ReadSentimentAsync(artefacts, postId, cancellationToken);
        string verb = claims.Action == ApprovalDecision.Approve ? "Approve" : "Reject";
        List<PageFact> facts =
        [
            new("Author", $"{post.Author.DisplayName} <{post.Author.Email}>"),
            new("Team", post.Author.Team),
            new("Channels", string.Join(", ", post.Channels)),
            new("Sentiment", sentiment?.Label?.ToString().ToLowerInvariant() ?? "not scored"),
        ];
        if (post.InReplyTo is { } target && await Chorus.Mentions.MentionReadModel.ReadMentionAsync(artefacts, target.Source, target.MentionId, cancellationToken) is { } mention)
        {
            // An approver of a reply judges it against what it answers.
            facts.Add(new PageFact("In reply to", $"{mention.AuthorHandle} on {mention.Source}: \u201c{mention.Text}\u201d{(mention.Url is null ? string.Empty : " " + mention.Url)}"));
        }

        if (post.ScheduledAt is { } at)
        {
            facts.Add(new PageFact("Scheduled for", at.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)));
        }

        IEnumerable<PageFinding> findings = (report?.Findings ?? []).Select(f => new PageFinding(f.Severity.ToString(), f.Rule, f.Explanation));
        return new ApprovalPageModel($"{verb} this {(post.Kind == PostKind.Reply ? "reply" : "post")}?", Subject, claims.Action, claims.Approver, post.Text, facts, [.. findings], null, claims.ExpiresAt);
    }

    public async Task<NotWaitingReason?> CheckWaitingAsync(ApprovalTokenClaims claims, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? review = await orchestrations.GetInstanceAsync(claims.InstanceId, getInputsAndOutputs: true, cancellationToken);
        if (review is null || PostIdOf(claims) is null)
        {
            return NotWaitingReason.Withdrawn;
        }

        if (review.IsCompleted)
        {
            return review.ReadOutputAs<PostOutcome>()?.Status == PostStatus.Expired ? NotWaitingReason.Expired : NotWaitingReason.AlreadyDecided;
        }

        PostProgress? progress = review.ReadCustomStatusAs<PostProgress>();
        return progress is { Status: PostStatus.AwaitingApproval } && progress.Stage == claims.Stage ? null : NotWaitingReason.AlreadyDecided;
    }

    public async Task DecideAsync(ApprovalTokenClaims claims, ApprovalDecisionRecord decision, CancellationToken cancellationToken)
    {
        string postId = PostIdOf(claims)!;
        await artefacts.WriteOnceAsync(PostArtefacts.Decision(postId, claims.Stage, claims.Approver), JsonSerializer.SerializeToUtf8Bytes(decision, DurableJson.Options), "application/json", cancellationToken);
        await audit.RecordAsync(postId, $"decision-s{claims.Stage}-{PostArtefacts.AddressKey(claims.Approver)}", "decision", new { decision.Approver, decision.Action, decision.Stage }, cancellationToken);

        // Before the review hears of it: once it has, it may ask the next stage, which can wait on this approver again.
        await waiting.AnsweredAsync(Subject, postId, claims.Approver, cancellationToken);
        await orchestrations.RaiseEventAsync(
            claims.InstanceId,
            ApprovalDecision.EventName,
            new ApprovalDecision(claims.Stage, claims.Approver, claims.Action, decision.Comment, decision.DecidedAt),
            cancellationToken);
    }

    private static string? PostIdOf(ApprovalTokenClaims claims)
        => claims.InstanceId.StartsWith(InstancePrefix, StringComparison.Ordinal) && PostIds.IsValid(claims.InstanceId[InstancePrefix.Length..])
            ? claims.InstanceId[InstancePrefix.Length..]
            : null;
}
