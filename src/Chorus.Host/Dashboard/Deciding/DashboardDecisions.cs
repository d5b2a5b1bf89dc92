using System.Security.Claims;
using Chorus.Approvals;
using Chorus.Host.Approvals;
using Chorus.Mentions;
using Chorus.Mentions.Triage;

namespace Chorus.Host.Dashboard.Deciding;

/// <summary>
/// Deciding from the Post and Mention pages. The signed-in approver decides only where the waiting-approvals read model
/// lists them for the item's waiting stage, and the decision takes the email links' own path
/// (<see cref="ApprovalDecisions"/>): the same ledger slot, so whichever comes second is told it was already decided.
/// </summary>
internal sealed class DashboardDecisions(IWaitingApprovals waiting, ApprovalDecisions decisions, TimeProvider time)
{
    /// <summary>The actions a subject's approvers choose from, in the order the pages offer them.</summary>
    public static IReadOnlyList<string> ActionsFor(string subject)
        => subject == "mention" ? MentionActions.All : [ApprovalDecision.Approve, ApprovalDecision.Reject];

    /// <summary>The email address the signed-in person decides as: the local identity's, or Entra ID's email or user name.</summary>
    public static string? EmailOf(ClaimsPrincipal user)
        => user.FindFirstValue(ClaimTypes.Email) ?? user.FindFirstValue("email") ?? user.FindFirstValue("preferred_username") ?? user.Identity?.Name;

    /// <summary>The stage of the item the signed-in approver is asked to decide now, or null when they are not (or may not decide).</summary>
    public async Task<WaitingApproval?> AskedAsync(ApprovalItemKey item, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!(user.IsInRole(DashboardRoles.Approver) || user.IsInRole(DashboardRoles.Admin)) || EmailOf(user) is not { } email)
        {
            return null;
        }

        IReadOnlyList<WaitingApproval> rows = await waiting.ListAsync(item.Subject, item.ItemId, cancellationToken);
        return rows.FirstOrDefault(row => string.Equals(row.Approver, email, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Decides <paramref name="item"/> as the signed-in approver, through the single-use ledger the email links use.</summary>
    public async Task<DecisionResult> DecideAsync(ApprovalItemKey item, ClaimsPrincipal user, string? action, string? comment, string? reply, HttpContext http, CancellationToken cancellationToken)
    {
        // A form naming two actions is not one the page sends; binding would quietly take the first.
        bool oneAction = !http.Request.HasFormContentType || http.Request.Form["action"].Count <= 1;
        if (action is null || !oneAction || !ActionsFor(item.Subject).Contains(action))
        {
            return DecisionResult.Refused(StatusCodes.Status400BadRequest, "Choose one of the decisions offered. Nothing was recorded.");
        }

        if (await AskedAsync(item, user, cancellationToken) is not { } asked)
        {
            return DecisionResult.Refused(StatusCodes.Status409Conflict, "You are not asked to decide this now: it does not wait for you, or was decided already. Nothing was recorded.");
        }

        IApprovalSubject subject = decisions.SubjectOf(item.Subject) ?? throw new InvalidOperationException($"No approval subject '{item.Subject}'.");
        ApprovalTokenClaims claims = new(item.Subject, item.InstanceId, asked.Stage.Number, asked.Approver, action, asked.Stage.ExpiresAt);
        DecisionCheck check = await decisions.CheckAsync(claims, subject, deliverInterrupted: true, cancellationToken);
        if (check.Earlier is { } earlier)
        {
            return DecisionResult.Refused(StatusCodes.Status409Conflict, $"You already decided this ({earlier.Action}). Nothing more was recorded.");
        }

        if (check.NotWaiting is { } reason)
        {
            return DecisionResult.Refused(StatusCodes.Status409Conflict, reason == NotWaitingReason.Expired ? "This has expired. Nothing was recorded." : "This no longer waits for this decision (it was decided or withdrawn). Nothing was recorded.");
        }

        DecisionText text = await decisions.ReadTextAsync(claims, subject, comment, reply, cancellationToken);
        if (text.CommentTooLong)
        {
            return DecisionResult.Refused(StatusCodes.Status400BadRequest, $"A comment may have at most {ApprovalDecisionRecord.MaxCommentLength:N0} characters. Nothing was recorded.");
        }

        if (text.ReplyProblem is { } wrong)
        {
            return DecisionResult.Refused(StatusCodes.Status400BadRequest, $"Your reply was not sent: {wrong} Nothing was recorded.");
        }

        ApprovalDecisionRecord decision = ApprovalDecisionRecord.ForClaims(
            claims, text.Comment, time.GetUtcNow(), http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), text.Reply);
        if (await decisions.CommitAsync(claims, subject, decision, cancellationToken) is { } first)
        {
            return DecisionResult.Refused(StatusCodes.Status409Conflict, $"This was already decided ({first.Action}). Nothing more was recorded.");
        }

        return new DecisionResult(true, StatusCodes.Status200OK, string.Empty);
    }
}

/// <summary>
/// What deciding from a page did: <paramref name="Decided"/>, the page's status (400 for a form that cannot be taken,
/// 409 for an item that does not wait for this approver now: decided, closed or never theirs), and what to tell the
/// approver.
/// </summary>
internal sealed record DecisionResult(bool Decided, int Status, string Message)
{
    /// <summary>A decision not recorded, with the page's status and why.</summary>
    public static DecisionResult Refused(int status, string message) => new(false, status, message);

    /// <summary>What the page says after the redirect that follows a decision, or null without one (or for an action the subject does not have).</summary>
    public static DecisionResult? AfterRedirect(string subject, string? decided)
        => decided is not null && DashboardDecisions.ActionsFor(subject).Contains(decided) ? new DecisionResult(true, StatusCodes.Status200OK, Recorded(decided)) : null;

    private static string Recorded(string action) => $"Recorded: {action}. It takes a moment to show below.";
}

/// <summary>An item as the approval ledger names it: its subject, its id in the waiting-approvals read model, and its orchestration.</summary>
internal sealed record ApprovalItemKey(string Subject, string ItemId, string InstanceId)
{
    /// <summary>A staff post (or reply) by its id.</summary>
    public static ApprovalItemKey Post(string postId) => new("post", postId, Chorus.Posts.PostSubmission.InstanceIdFor(postId));

    /// <summary>A mention by its source and id.</summary>
    public static ApprovalItemKey Mention(string source, string mentionId) => new("mention", MentionIds.ItemId(source, mentionId), MentionIds.InstanceId(source, mentionId));
}
