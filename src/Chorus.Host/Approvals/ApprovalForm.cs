using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Chorus.Host.Approvals;

/// <summary>
/// The confirmation page's form, as the OpenAPI document describes it: the action the link was made for, a comment,
/// and on a mention's Respond page the reply.
/// </summary>
internal sealed record ApprovalForm(
    [property: Required, Description("The action the link was made for (approve, reject; respond, escalate, dismiss).")] string Action,
    [property: MaxLength(Chorus.Approvals.ApprovalDecisionRecord.MaxCommentLength)] string? Comment,
    [property: Description("Respond on a mention only, and required there: the reply, checked like a post's text and reviewed like one.")] string? Reply = null);
