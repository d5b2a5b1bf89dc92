namespace Chorus.Approvals;

/// <summary>
/// One approver's decision in one stage, as kept by the <see cref="IApprovalLedger"/>: the slot it fills (subject,
/// instance, stage, approver), what was decided, and where the click came from (for the audit trail).
/// <paramref name="Reply"/> is the answer written on a mention's Respond page: kept with the decision, so the slot that
/// makes the decision once also makes the reply once, and a decision delivered again after a crash carries its reply.
/// </summary>
public sealed record ApprovalDecisionRecord(
    string Subject,
    string InstanceId,
    int Stage,
    string Approver,
    string Action,
    string? Comment,
    DateTimeOffset DecidedAt,
    string? ClientIp,
    string? UserAgent,
    string? Reply = null)
{
    /// <summary>The longest comment accepted, in UTF-16 characters; the confirmation form's textarea has the same limit.</summary>
    public const int MaxCommentLength = 2000;

    private readonly string? _comment = CheckComment(Comment);

    /// <summary>Gets the approver's comment, or null when none was given.</summary>
    /// <exception cref="ArgumentException">The comment is longer than <see cref="MaxCommentLength"/>.</exception>
    public string? Comment
    {
        get => _comment;
        init => _comment = CheckComment(value);
    }

    /// <summary>
    /// The record of a decision made through a verified token, taking the slot and action from the claims so the two
    /// cannot disagree. A blank comment becomes null; line breaks become LF, because browsers count a textarea line
    /// break as one character against maxlength but submit it as CRLF.
    /// </summary>
    public static ApprovalDecisionRecord ForClaims(ApprovalTokenClaims claims, string? comment, DateTimeOffset decidedAt, string? clientIp, string? userAgent, string? reply = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return new ApprovalDecisionRecord(claims.Subject, claims.InstanceId, claims.Stage, claims.Approver, claims.Action, Tidy(comment), decidedAt, clientIp, userAgent, Tidy(reply));
    }

    /// <summary>Form text as it is kept: LF line breaks, no surrounding white space, and null when blank.</summary>
    public static string? Tidy(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.ReplaceLineEndings("\n").Trim();

    /// <summary>Returns whether this record fills the slot the claims name (the approver compared case-insensitively, as email addresses are).</summary>
    public bool IsFor(ApprovalTokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return Subject == claims.Subject
            && InstanceId == claims.InstanceId
            && Stage == claims.Stage
            && string.Equals(Approver, claims.Approver, StringComparison.OrdinalIgnoreCase);
    }

    private static string? CheckComment(string? comment) => comment is { Length: > MaxCommentLength }
        ? throw new ArgumentException($"An approval comment may have at most {MaxCommentLength} characters (got {comment.Length}).", nameof(comment))
        : comment;
}
