using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Chorus.Host.Approvals;

/// <summary>The confirmation page's form, as the OpenAPI document describes it: the action the link was made for, and a comment.</summary>
internal sealed record ApprovalForm(
    [property: Required, Description("The action the link was made for (approve, reject; respond, escalate, dismiss).")] string Action,
    [property: MaxLength(Chorus.Approvals.ApprovalDecisionRecord.MaxCommentLength)] string? Comment);
