using Chorus.Approvals;
using Chorus.Artefacts;
using Chorus.Durable;
using Chorus.Mail;
using Chorus.Posts.Policy;
using Chorus.Sentiment;
using Microsoft.DurableTask;

namespace Chorus.Posts.Review;

/// <summary>
/// Emails approvers their Approve and Reject links (signed, bound to the post, stage and approver, expiring with
/// the stage) and keeps each email as an <c>.eml</c> artefact. An email already kept is not sent again on a retry. A
/// request or an escalation also records whom the stage now waits on (<see cref="IWaitingApprovals"/>), before any link
/// goes out, so that an answer never arrives before the row it removes.
/// </summary>
public sealed class RequestApprovalActivity(ApprovalTokenSigner signer, KeptMail mail, IArtefactStore artefacts, PostAudit audit, IWaitingApprovals waiting) : TaskActivity<ApprovalRequest, MailDelivery>
{
    /// <inheritdoc/>
    public override async Task<MailDelivery> RunAsync(TaskActivityContext context, ApprovalRequest request)
    {
        // An activity runs to its end or its process dies; the worker does not cancel it.
        CancellationToken cancellationToken = CancellationToken.None;
        PostSubmission post = request.Post;
        string kind = request.Kind.ToString().ToLowerInvariant();
        byte[]? findingsJson = await artefacts.ReadAsync(PostArtefacts.Findings(post.PostId), cancellationToken).ConfigureAwait(false);
        PolicyReport? report = findingsJson is null ? null : DurableJson.Deserialize<PolicyReport>(System.Text.Encoding.UTF8.GetString(findingsJson));
        DocumentSentiment? sentiment = await PostReadModel.ReadSentimentAsync(artefacts, post.PostId, cancellationToken).ConfigureAwait(false);
        DateTimeOffset expires = new(request.ExpiresAt, TimeSpan.Zero);
        if (request.Kind is ApprovalRequestKind.Request or ApprovalRequestKind.Escalation)
        {
            await waiting.WaitAsync(new ApprovalItem("post", post.PostId, ApprovalSummary.Of(post.Text)), new ApprovalStage(request.Stage.Number, request.Stage.Name, expires), request.Recipients, cancellationToken).ConfigureAwait(false);
        }

        List<string> mailed = [], alreadySent = [];
        foreach (string recipient in request.Recipients)
        {
            ArtefactPath eml = PostArtefacts.Email(post.PostId, kind, request.Stage.Number, recipient);
            Uri approve = signer.BuildLink(new ApprovalTokenClaims("post", post.InstanceId, request.Stage.Number, recipient, ApprovalDecision.Approve, expires));
            Uri reject = signer.BuildLink(new ApprovalTokenClaims("post", post.InstanceId, request.Stage.Number, recipient, ApprovalDecision.Reject, expires));
            bool sent = await mail.SendOnceAsync(eml, () => PostEmails.ApprovalRequest(post, request.Stage, request.Kind, recipient, report, sentiment, approve, reject, expires), cancellationToken).ConfigureAwait(false);
            (sent ? mailed : alreadySent).Add(recipient);
        }

        await audit.RecordAsync(post.PostId, $"{kind}-s{request.Stage.Number}", $"approval {kind}", new { Stage = request.Stage.Name, request.Recipients }, cancellationToken).ConfigureAwait(false);
        return new MailDelivery(mailed, alreadySent);
    }
}
