using System.Diagnostics.CodeAnalysis;

namespace Chorus.Approvals;

/// <summary>
/// The result of <see cref="ApprovalTokenSigner.Verify(string?)"/>. <see cref="Claims"/> is set only when the token
/// is valid, so nothing can act on the claims of an expired or forged token by mistake.
/// </summary>
public sealed record TokenCheck(ApprovalTokenClaims? Claims, TokenProblem Problem)
{
    /// <summary>Gets a value indicating whether the token is valid.</summary>
    [MemberNotNullWhen(true, nameof(Claims))]
    public bool IsValid => Problem == TokenProblem.None && Claims is not null;

    internal static TokenCheck Valid(ApprovalTokenClaims claims) => new(claims, TokenProblem.None);

    internal static TokenCheck Refused(TokenProblem problem) => new(null, problem);
}
