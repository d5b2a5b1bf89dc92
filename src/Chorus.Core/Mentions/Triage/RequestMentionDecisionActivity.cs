using Chorus.Approvals;
using Chorus.Artefacts;
using Chorus.Mail;
using Microsoft.DurableTask;

namespace Chorus.Mentions.Triage;

/// <summary>Emails the team Respond / Escalate / Dismiss links (signed, single-use, expiring with the triage) and keeps each email.</summary>
public sealed class RequestMentionDecisionActivity(ApprovalTokenSigner signer, KeptMail mail, MentionAudit audit) : TaskActivity<MentionDecisionRequest, MailDelivery>
{
    /// <inheritdoc/>
    public override async Task<MailDelivery> RunAsync(TaskActivityContext context, MentionDecisionRequest request)
    {
        // An activity runs to its end or its process dies; the worker does not cancel it.
        CancellationToken cancellationToken = CancellationToken.None;
        MentionTriageInput triage = request.Triage;
        string kind = request.Kind.ToString().ToLowerInvariant();
        List<string> mailed = [], alreadySent = [];
        foreach (string recipient in request.Recipients)
        {
            ArtefactPath eml = MentionArtefacts.Email(triage.Mention.Source, triage.MentionId, kind, recipient);
            DateTimeOffset expires = new(request.ExpiresAt, TimeSpan.Zero);
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
