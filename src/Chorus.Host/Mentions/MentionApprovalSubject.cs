using System.Globalization;
using System.Text.Json;
using Chorus.Approvals;
using Chorus.Artefacts;
using Chorus.Durable;
using Chorus.Host.Approvals;
using Chorus.Host.Posts;
using Chorus.Mentions;
using Chorus.Mentions.Triage;
using Chorus.Posts;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Mentions;

/// <summary>
/// Flagged mentions on the shared approval pages: Respond, Escalate or Dismiss. Respond's page carries a reply box, and
/// its decision submits the reply as a staff post (see <see cref="MentionReplies"/>).
/// </summary>
internal sealed class MentionApprovalSubject(IArtefactStore artefacts, DurableTaskClient orchestrations, MentionAudit audit, MentionReplies replies, IOptions<PostApiOptions> posts, IWaitingApprovals waiting) : IApprovalSubject
{
    /// <summary>Where a reply from an approval link says it came from (its <see cref="PostSubmission.ClientId"/>).</summary>
    public const string ReplyClient = "approval-link";

    public string Subject => "mention";

    /// <summary>Respond takes a reply, unless the mention was answered already (through the reply API): it has one reply.</summary>
    public async Task<bool> TakesReplyAsync(ApprovalTokenClaims claims, CancellationToken cancellationToken)
        => claims.Action == MentionActions.Respond
            && await ReadInputAsync(claims, cancellationToken) is { } input
            && await MentionReadModel.ReadReplyAsync(artefacts, input.Mention.Source, input.MentionId, cancellationToken) is null;

    public async Task<ApprovalPageModel?> DescribeAsync(ApprovalTokenClaims claims, CancellationToken cancellationToken)
    {
        if (await ReadInputAsync(claims, cancellationToken) is not { } input)
        {
            return null;
        }

        Mention mention = input.Mention;
        List<PageFact> facts =
        [
            new("Source", mention.Source),
            new("Author", mention.AuthorName is null ? mention.AuthorHandle : $"{mention.AuthorName} ({mention.AuthorHandle})"),
            new("Written", mention.CreatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
            new("Sentiment", MentionClassifier.SentimentScore(input.Sentiment)?.ToString("0.###", CultureInfo.InvariantCulture) ?? "not scored"),
        ];
        if (mention.AuthorReach is { } reach)
        {
            facts.Add(new PageFact("Reach", reach.ToString("N0", CultureInfo.InvariantCulture)));
        }

        IEnumerable<PageFinding> reasons = input.Classification.Reasons.Select(r => new PageFinding("Flagged", "triage", r));
        string title = claims.Action switch
        {
            MentionActions.Respond => "Respond to this mention?",
            MentionActions.Escalate => "Escalate this mention?",
            _ => "Dismiss this mention?",
        };
        ReplyComposer? composer = null;
        if (claims.Action == MentionActions.Respond && await MentionReadModel.ReadReplyAsync(artefacts, mention.Source, input.MentionId, cancellationToken) is { } answered)
        {
            facts.Add(new PageFact("Already answered", $"{answered.Author.Email} replied on {answered.SubmittedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}: \u201c{answered.Text}\u201d"));
        }
        else if (claims.Action == MentionActions.Respond)
        {
            Channel channel = replies.ChannelFor(mention.Source);
            facts.Add(new PageFact("Reply goes", channel == Channel.Other ? "nowhere by itself: Chorus cannot post there, so you post it by hand once it is approved" : $"to {channel}, once it is approved"));
            composer = new ReplyComposer(MentionReplies.Where(channel), MentionReplies.Prefill(mention, channel), posts.Value.MaxTextLength);
        }

        return new ApprovalPageModel(title, Subject, claims.Action, claims.Approver, mention.Text, facts, [.. reasons], mention.Url, claims.ExpiresAt, composer);
    }

    public async Task<NotWaitingReason?> CheckWaitingAsync(ApprovalTokenClaims claims, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? triage = await orchestrations.GetInstanceAsync(claims.InstanceId, getInputsAndOutputs: true, cancellationToken);
        if (triage is null)
        {
            return NotWaitingReason.Withdrawn;
        }

        if (triage.IsCompleted)
        {
            return triage.ReadOutputAs<MentionOutcome>()?.Status == "expired" ? NotWaitingReason.Expired : NotWaitingReason.AlreadyDecided;
        }

        return triage.ReadCustomStatusAs<MentionProgress>()?.Status == "awaiting" ? null : NotWaitingReason.AlreadyDecided;
    }

    public async Task DecideAsync(ApprovalTokenClaims claims, ApprovalDecisionRecord decision, CancellationToken cancellationToken)
    {
        MentionTriageInput input = (await ReadInputAsync(claims, cancellationToken))!;
        if (claims.Action == MentionActions.Respond && decision.Reply is { } text)
        {
            // Before the decision reaches triage, so a concluded triage always finds its reply. The id comes from the
            // decision's slot and day: a decision delivered again (a retried POST, a crash) makes the same reply.
            string postId = PostIds.Derived(decision.DecidedAt, $"reply\n{claims.InstanceId}\n{claims.Stage}\n{claims.Approver.ToUpperInvariant()}");
            PostAuthor responder = new(claims.Approver, MentionReplies.NameOf(claims.Approver), input.Classification.Team?.Name ?? "Customer care");
            await replies.SubmitAsync(replies.Draft(postId, input.MentionId, input.Mention, responder, text, decision.DecidedAt, ReplyClient), cancellationToken);
        }

        await artefacts.WriteOnceAsync(MentionArtefacts.Decision(input.Mention.Source, input.MentionId, claims.Approver), JsonSerializer.SerializeToUtf8Bytes(decision, DurableJson.Options), "application/json", cancellationToken);
        await audit.RecordAsync(input, $"decision-{Chorus.Posts.PostArtefacts.AddressKey(claims.Approver)}", "decision", new { decision.Approver, decision.Action }, cancellationToken);
        await waiting.AnsweredAsync(Subject, MentionIds.ItemId(input.Mention.Source, input.MentionId), claims.Approver, cancellationToken);
        await orchestrations.RaiseEventAsync(claims.InstanceId, ApprovalDecision.EventName, new ApprovalDecision(claims.Stage, claims.Approver, claims.Action, decision.Comment, decision.DecidedAt), cancellationToken);
    }

    private async Task<MentionTriageInput?> ReadInputAsync(ApprovalTokenClaims claims, CancellationToken cancellationToken)
        => MentionIds.TryParseInstanceId(claims.InstanceId, out _, out _)
            ? (await orchestrations.GetInstanceAsync(claims.InstanceId, getInputsAndOutputs: true, cancellationToken))?.ReadInputAs<MentionTriageInput>()
            : null;
}
