using Chorus.Approvals;
using Microsoft.Extensions.Time.Testing;

namespace Chorus.Core.Tests.Approvals;

public sealed class ApprovalKeyRotationTests
{
    private readonly FakeTimeProvider _time = new(TestSigners.Start);
    private readonly string _oldSecret = TestSigners.NewSecret();
    private readonly string _newSecret = TestSigners.NewSecret();

    [Fact]
    public void Links_signed_with_the_old_key_verify_while_it_stays_configured_and_new_links_use_the_active_key()
    {
        ApprovalTokenSigner before = TestSigners.Create(TestSigners.Options("2025-01", ("2025-01", _oldSecret)), _time);
        ApprovalTokenClaims claims = before.CreateClaims(ApprovalSubjects.Post, "p1", 1, "a@example.org", "approve");
        string oldToken = before.Sign(claims);

        ApprovalTokenSigner during = TestSigners.Create(TestSigners.Options("2025-03", ("2025-01", _oldSecret), ("2025-03", _newSecret)), _time);
        string newToken = during.Sign(claims);

        Assert.Equal(claims, during.Verify(oldToken).Claims);
        Assert.StartsWith("v1.2025-03.", newToken, StringComparison.Ordinal);
        Assert.Equal(claims, during.Verify(newToken).Claims);
        Assert.Equal(TokenProblem.UnknownKey, before.Verify(newToken).Problem);
    }

    [Fact]
    public void Removing_the_old_key_retires_its_links()
    {
        ApprovalTokenSigner before = TestSigners.Create(TestSigners.Options("2025-01", ("2025-01", _oldSecret)), _time);
        string oldToken = before.Sign(before.CreateClaims(ApprovalSubjects.Mention, "m1", 1, "a@example.org", "dismiss"));

        ApprovalTokenSigner after = TestSigners.Create(TestSigners.Options("2025-03", ("2025-03", _newSecret)), _time);

        Assert.Equal(TokenProblem.UnknownKey, after.Verify(oldToken).Problem);
    }

    [Fact]
    public void Key_ids_are_case_sensitive()
    {
        ApprovalTokenSigner signer = TestSigners.Create(TestSigners.Options("abc", ("abc", _oldSecret)), _time);
        string token = signer.Sign(signer.CreateClaims(ApprovalSubjects.Post, "p1", 1, "a@example.org", "approve"));

        Assert.Equal(TokenProblem.UnknownKey, signer.Verify(token.Replace("v1.abc.", "v1.ABC.", StringComparison.Ordinal)).Problem);
    }
}
