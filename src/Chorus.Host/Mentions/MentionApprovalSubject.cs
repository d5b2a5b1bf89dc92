using System.Globalization;
using System.Text.Json;
using Chorus.Approvals;
using Chorus.Artefacts;
using Chorus.Durable;
using Chorus.Host.Approvals;
using Chorus.Mentions;
using Chorus.Mentions.Triage;
using Microsoft.DurableTask.Client;

namespace Chorus.Host.Mentions;

/// <summary>Flagged mentions on the shared approval pages: Respond, Escalate or Dismiss.</summary>
internal sealed class MentionApprovalSubject(IArtefactStore artefacts, DurableTaskClient orchestrations, MentionAudit audit) : IApprovalSubject
{
    public string Subject => "mention";

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
        return new ApprovalPageModel(title, Subject, claims.Action, claims.Approver, mention.Text, facts, [.. reasons], mention.Url, claims.ExpiresAt);
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
        await artefacts.WriteOnceAsync(MentionArtefacts.Decision(input.Mention.Source, input.MentionId, claims.Approver), JsonSerializer.SerializeToUtf8Bytes(decision, DurableJson.Options), "application/json", cancellationToken);
        await audit.RecordAsync(input, $"decision-{Chorus.Posts.PostArtefacts.AddressKey(claims.Approver)}", "decision", new { decision.Approver, decision.Action }, cancellationToken);
        await orchestrations.RaiseEventAsync(claims.InstanceId, ApprovalDecision.EventName, new ApprovalDecision(claims.Stage, claims.Approver, claims.Action, decision.Comment, decision.DecidedAt), cancellationToken);
    }

    private async Task<MentionTriageInput?> ReadInputAsync(ApprovalTokenClaims claims, CancellationToken cancellationToken)
        => MentionIds.TryParseInstanceId(claims.InstanceId, out _, out _)
            ? (await orchestrations.GetInstanceAsync(claims.InstanceId, getInputsAndOutputs: true, cancellationToken))?.ReadInputAs<MentionTriageInput>()
            : null;
}
