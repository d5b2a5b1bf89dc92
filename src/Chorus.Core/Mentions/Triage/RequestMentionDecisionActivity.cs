using Chorus.Approvals;
using Chorus.Artefacts;
using Chorus.Mail;
using Microsoft.DurableTask;

namespace Chorus.Mentions.Triage;

/// <summary>
/// Emails the team Respond / Escalate / Dismiss links (signed, single-use, expiring with the triage) and keeps each email.
/// A request or an escalation also records whom the mention now waits on (<see cref="IWaitingApprovals"/>: item
/// <c>{source}/{mentionId}</c>, stage 1 named after the team), before any link goes out.
/// </summary>
public sealed class RequestMentionDecisionActivity(ApprovalTokenSigner signer, KeptMail mail, MentionAudit audit, IWaitingApprovals waiting) : TaskActivity<MentionDecisionRequest, MailDelivery>
{
    /// <inheritdoc/>
    public override async Task<MailDelivery> RunAsync(TaskActivityContext context, MentionDecisionRequest request)
    {
        // An activity runs to its end or its process dies; the worker does not cancel it.
        CancellationToken cancellationToken = CancellationToken.None;
        MentionTriageInput triage = request.Triage;
        string kind = request.Kind.ToString().ToLowerInvariant();
        DateTimeOffset expires = new(request.ExpiresAt, TimeSpan.Zero);
        if (request.Kind is MentionRequestKind.Request or MentionRequestKind.Escalation)
        {
            ApprovalItem item = new("mention", MentionIds.ItemId(triage.Mention.Source, triage.MentionId), ApprovalSummary.Of(triage.Mention.Text));
            await waiting.WaitAsync(item, new ApprovalStage(1, triage.Classification.Team?.Name ?? "team", expires), request.Recipients, cancellationToken).ConfigureAwait(false);
        }

        List<string> mailed = [], alreadySent = [];
        foreach (string recipient in request.Recipients)
        {
            ArtefactPath eml = MentionArtefacts.Email(triage.Mention.Source, triage.MentionId, kind, recipient);
            Dictionary<string, Uri> links = MentionActions.All.ToDictionary(
                action => action,
                action => signer.BuildLink(new ApprovalTokenClaims("mention", triage.InstanceId, 1, recipient, action, expires)));
            bool sent = await mail.SendOnceAsync(eml, () => MentionEmails.DecisionRequest(triage, request.Kind, recipient, links, expires), cancellationToken).ConfigureAwait(false);
            (sent ? mailed : alreadySent).Add(recipient);
        }

        await audit.RecordAsync(triage, kind, $"team {kind}", new { request.Recipients }, cancellationToken).ConfigureAwait(false);
        return new MailDelivery(mailed, alreadySent);
    }
}
