using Chorus.Approvals;
using Chorus.Host.Posts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Approvals;

/// <summary>
/// The one path every decision takes, whether it comes from an emailed link or from the dashboard: the slot must be
/// unused and the item still waiting for that stage (<see cref="CheckAsync"/>), then the slot is consumed in the ledger
/// and only then is the decision delivered (<see cref="CommitAsync"/>). An approver's slot (subject, instance, stage,
/// approver) is shared by both ways in, so a decision made on one is answered "already used" on the other.
/// </summary>
internal sealed class ApprovalDecisions(IApprovalLedger ledger, IEnumerable<IApprovalSubject> subjects, IOptions<PostApiOptions> posts)
{
    /// <summary>
    /// Gets the largest decision form taken, in bytes: room for the longest reply and comment however they are
    /// written. A form percent-encodes each UTF-8 byte as three, so a character of a non-Latin script (three UTF-8
    /// bytes) takes nine; a fixed 16 KB refused a reply of 2,000 Japanese characters and lost it.
    /// </summary>
    public int MaxFormBytes => MaxFormBytesFor(posts.Value);

    /// <summary>The largest decision form taken under <paramref name="options"/>; see <see cref="MaxFormBytes"/>.</summary>
    public static int MaxFormBytesFor(PostApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (9 * (options.MaxTextLength + ApprovalDecisionRecord.MaxCommentLength)) + (4 * 1024);
    }

    /// <summary>
    /// Holds the request's body to <paramref name="maxFormBytes"/> as it is read, so a body sent without a length (which
    /// a check of <c>Content-Length</c> never sees) is refused at the same size.
    /// </summary>
    public static void HoldToFormLimit(HttpContext http, int maxFormBytes)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxFormBytes;
        }
    }

    /// <summary>The kind of item a subject name stands for ("post", "mention"), or null for an unknown name.</summary>
    public IApprovalSubject? SubjectOf(string subject) => subjects.FirstOrDefault(s => s.Subject == subject);

    /// <summary>
    /// Whether the claims' slot may still decide: the decision already recorded in it, or why the item no longer waits,
    /// or neither (<see cref="DecisionCheck.Open"/>).
    /// </summary>
    /// <param name="claims">The slot and the action proposed.</param>
    /// <param name="subject">The kind of item the claims name.</param>
    /// <param name="deliverInterrupted">
    /// For a POST: when the slot is used but the item still waits for that stage, deliver the recorded decision first
    /// (see <see cref="DeliverInterruptedAsync"/>). A GET never does.
    /// </param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    public async Task<DecisionCheck> CheckAsync(ApprovalTokenClaims claims, IApprovalSubject subject, bool deliverInterrupted, CancellationToken cancellationToken)
    {
        if (await ledger.GetAsync(claims, cancellationToken) is { } earlier)
        {
            if (deliverInterrupted)
            {
                await DeliverInterruptedAsync(claims, subject, earlier, cancellationToken);
            }

            return new DecisionCheck(earlier, null);
        }

        return new DecisionCheck(null, await subject.CheckWaitingAsync(claims, cancellationToken));
    }

    /// <summary>
    /// What the approver typed with a decision, tidied as it is kept (<see cref="ApprovalDecisionRecord.Tidy"/>), and
    /// what is wrong with it: a comment over <see cref="ApprovalDecisionRecord.MaxCommentLength"/>, or, where the
    /// subject takes a reply, a reply that breaks the post text rule (<see cref="PostText"/>).
    /// </summary>
    public async Task<DecisionText> ReadTextAsync(ApprovalTokenClaims claims, IApprovalSubject subject, string? comment, string? reply, CancellationToken cancellationToken)
    {
        string? tidyComment = ApprovalDecisionRecord.Tidy(comment);
        bool commentTooLong = tidyComment is { Length: > ApprovalDecisionRecord.MaxCommentLength };
        if (!await subject.TakesReplyAsync(claims, cancellationToken))
        {
            return new DecisionText(tidyComment, null, commentTooLong, TakesReply: false, ReplyProblem: null);
        }

        string? tidyReply = ApprovalDecisionRecord.Tidy(reply);
        return new DecisionText(tidyComment, tidyReply, commentTooLong, TakesReply: true, PostText.Problem(tidyReply, posts.Value.MaxTextLength));
    }

    /// <summary>Consumes the slot with <paramref name="decision"/> and delivers it; null when it did, else the decision already in the slot.</summary>
    public async Task<ApprovalDecisionRecord?> CommitAsync(ApprovalTokenClaims claims, IApprovalSubject subject, ApprovalDecisionRecord decision, CancellationToken cancellationToken)
    {
        if (!await ledger.TryConsumeAsync(claims, decision, cancellationToken))
        {
            // Lost a race with the other way in (or a second click): what won is what the approver is shown.
            return await ledger.GetAsync(claims, cancellationToken) ?? decision;
        }

        await subject.DecideAsync(claims, decision, cancellationToken);
        return null;
    }

    /// <summary>
    /// Finishes a decision that was recorded but may never have reached the item. A decision takes its ledger slot
    /// first (so two clicks cannot both decide) and is delivered after; a process that dies in between, or a delivery
    /// that fails, leaves the slot used and the item waiting, and the approver's retry would only hear "already used".
    /// So while the item still waits for that stage, the recorded decision (its action and comment, not the retried
    /// request's) is delivered again. Delivery is idempotent: the decision artefact and audit line are written once, and
    /// the orchestration takes one decision per approver and stage, ignoring a repeat.
    /// </summary>
    private static async Task DeliverInterruptedAsync(ApprovalTokenClaims claims, IApprovalSubject subject, ApprovalDecisionRecord recorded, CancellationToken cancellationToken)
    {
        if (await subject.CheckWaitingAsync(claims, cancellationToken) is null)
        {
            await subject.DecideAsync(claims with { Action = recorded.Action }, recorded, cancellationToken);
        }
    }
}

/// <summary>Where a decision slot stands: <paramref name="Earlier"/> when it was used, <paramref name="NotWaiting"/> when the item no longer waits for it.</summary>
internal sealed record DecisionCheck(ApprovalDecisionRecord? Earlier, NotWaitingReason? NotWaiting)
{
    /// <summary>Gets whether a decision may be made.</summary>
    public bool Open => Earlier is null && NotWaiting is null;
}

/// <summary>
/// The comment and reply sent with a decision, tidied, and what is wrong with them: <paramref name="CommentTooLong"/>,
/// and <paramref name="ReplyProblem"/> in words for the approver where the subject <paramref name="TakesReply"/>.
/// </summary>
internal sealed record DecisionText(string? Comment, string? Reply, bool CommentTooLong, bool TakesReply, string? ReplyProblem)
{
    /// <summary>Gets whether the decision may be recorded with this text.</summary>
    public bool Acceptable => !CommentTooLong && ReplyProblem is null;
}
