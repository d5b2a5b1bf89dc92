using System.Buffers.Text;
using System.Text;
using Chorus.Approvals;
using Microsoft.Extensions.Time.Testing;

namespace Chorus.Core.Tests.Approvals;

public sealed class ApprovalTokenSignerTests
{
    private readonly ApprovalTokenSigner _signer;
    private readonly FakeTimeProvider _time;
    private readonly string _secret;

    public ApprovalTokenSignerTests() => (_signer, _time, _secret) = TestSigners.CreateWithOneKey();

    private ApprovalTokenClaims PostClaims(string action = "approve") =>
        _signer.CreateClaims(ApprovalSubjects.Post, "post-2025-03-01-0001", 1, "alice@example.org", action);

    [Fact]
    public void A_signed_token_verifies_to_the_same_claims()
    {
        ApprovalTokenClaims claims = PostClaims();

        TokenCheck check = _signer.Verify(_signer.Sign(claims));

        Assert.True(check.IsValid);
        Assert.Equal(TokenProblem.None, check.Problem);
        Assert.Equal(claims, check.Claims);
    }

    [Fact]
    public void Mention_claims_with_unicode_round_trip()
    {
        ApprovalTokenClaims claims = _signer.CreateClaims(ApprovalSubjects.Mention, "mention/x:42 é 名前", 3, "Zoë@Example.org", "escalate");

        TokenCheck check = _signer.Verify(_signer.Sign(claims));

        Assert.Equal(claims, check.Claims);
    }

    [Fact]
    public void The_token_is_versioned_carries_its_key_id_and_is_url_safe()
    {
        string token = _signer.Sign(PostClaims());

        string[] parts = token.Split('.');
        Assert.Equal(4, parts.Length);
        Assert.Equal("v1", parts[0]);
        Assert.Equal("k1", parts[1]);
        Assert.All(token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.', $"'{c}' is not URL-safe"));
        Assert.Equal(Uri.EscapeDataString(token), token);
    }

    [Fact]
    public void Created_claims_expire_after_the_configured_lifetime_to_the_second()
    {
        _time.Advance(TimeSpan.FromMilliseconds(750));

        ApprovalTokenClaims claims = PostClaims();

        Assert.Equal(TestSigners.Start + TimeSpan.FromDays(7), claims.ExpiresAt);
    }

    [Fact]
    public void The_link_is_the_public_base_url_then_approvals_then_the_token()
    {
        ApprovalTokenClaims claims = PostClaims();

        Uri link = _signer.BuildLink(claims);

        Assert.StartsWith("http://127.0.0.1:5080/approvals/v1.k1.", link.AbsoluteUri, StringComparison.Ordinal);
        string token = link.AbsoluteUri["http://127.0.0.1:5080/approvals/".Length..];
        Assert.Equal(claims, _signer.Verify(token).Claims);
    }

    [Fact]
    public void A_base_url_with_a_path_keeps_the_path()
    {
        ApprovalLinkOptions options = TestSigners.Options("k1", ("k1", TestSigners.NewSecret()));
        options.PublicBaseUrl = new Uri("https://chorus.example.org/internal");
        ApprovalTokenSigner signer = TestSigners.Create(options, new FakeTimeProvider(TestSigners.Start));

        Uri link = signer.BuildLink(signer.CreateClaims(ApprovalSubjects.Post, "p1", 1, "a@example.org", "approve"));

        Assert.StartsWith("https://chorus.example.org/internal/approvals/v1.k1.", link.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_payload_fails_the_signature()
    {
        string[] parts = _signer.Sign(PostClaims("reject")).Split('.');
        string json = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[2]));
        string forged = json.Replace("\"reject\"", "\"approve\"", StringComparison.Ordinal);
        Assert.NotEqual(json, forged);
        parts[2] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(forged));

        Assert.Equal(TokenProblem.BadSignature, _signer.Verify(string.Join('.', parts)).Problem);
    }

    [Fact]
    public void A_payload_with_one_character_changed_fails_the_signature()
    {
        string[] parts = _signer.Sign(PostClaims()).Split('.');
        parts[2] = Flip(parts[2], parts[2].Length / 2);

        Assert.Equal(TokenProblem.BadSignature, _signer.Verify(string.Join('.', parts)).Problem);
    }

    [Fact]
    public void A_changed_signature_fails()
    {
        string[] parts = _signer.Sign(PostClaims()).Split('.');
        parts[3] = Flip(parts[3], 10);

        TokenCheck check = _signer.Verify(string.Join('.', parts));

        Assert.Equal(TokenProblem.BadSignature, check.Problem);
        Assert.Null(check.Claims);
        Assert.False(check.IsValid);
    }

    [Fact]
    public void The_signature_of_another_token_does_not_fit()
    {
        string[] approve = _signer.Sign(PostClaims("approve")).Split('.');
        string[] reject = _signer.Sign(PostClaims("reject")).Split('.');

        Assert.Equal(TokenProblem.BadSignature, _signer.Verify($"v1.k1.{reject[2]}.{approve[3]}").Problem);
    }

    [Fact]
    public void Swapping_the_key_id_for_another_configured_key_fails_the_signature()
    {
        FakeTimeProvider time = new(TestSigners.Start);
        ApprovalTokenSigner signer = TestSigners.Create(TestSigners.Options("k1", ("k1", TestSigners.NewSecret()), ("k2", TestSigners.NewSecret())), time);
        string token = signer.Sign(signer.CreateClaims(ApprovalSubjects.Post, "p1", 1, "a@example.org", "approve"));

        Assert.Equal(TokenProblem.BadSignature, signer.Verify(token.Replace("v1.k1.", "v1.k2.", StringComparison.Ordinal)).Problem);
    }

    [Fact]
    public void An_unknown_key_id_is_reported_as_such()
    {
        string token = _signer.Sign(PostClaims());

        Assert.Equal(TokenProblem.UnknownKey, _signer.Verify(token.Replace("v1.k1.", "v1.k9.", StringComparison.Ordinal)).Problem);
    }

    [Fact]
    public void A_token_cut_short_is_malformed()
    {
        string token = _signer.Sign(PostClaims());

        Assert.Equal(TokenProblem.Malformed, _signer.Verify(token[..^1]).Problem);
        Assert.Equal(TokenProblem.Malformed, _signer.Verify(token[..^5]).Problem);
        Assert.Equal(TokenProblem.Malformed, _signer.Verify(token[..(token.Length / 2)]).Problem);
        Assert.Equal(TokenProblem.Malformed, _signer.Verify(token[..token.LastIndexOf('.')]).Problem);
    }

    [Fact]
    public void A_token_with_a_line_break_from_a_wrapping_mail_client_is_malformed()
    {
        string token = _signer.Sign(PostClaims());

        Assert.Equal(TokenProblem.Malformed, _signer.Verify(token.Insert(40, "\n")).Problem);
        Assert.Equal(TokenProblem.Malformed, _signer.Verify(token + "\n").Problem);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("....")]
    [InlineData("v1.k1..AAAA")]
    [InlineData("v1.k1.AAAA.")]
    [InlineData("v1.k1.e30.!!!")]
    [InlineData("v1.k1.e30.AAAA")]
    [InlineData("v1.k.1.e30.AAAA")]
    [InlineData("v1.k1.e30.AAAA.extra")]
    [InlineData("v1..e30.AAAA")]
    [InlineData("v1.key id.e30.AAAA")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("v1.k1.e30=.AAAA")]
    public void Garbage_is_malformed(string token) =>
        Assert.Equal(TokenProblem.Malformed, _signer.Verify(token).Problem);

    [Fact]
    public void Another_version_is_malformed()
    {
        string token = _signer.Sign(PostClaims());

        Assert.Equal(TokenProblem.Malformed, _signer.Verify("v2" + token[2..]).Problem);
    }

    [Fact]
    public void A_10_KB_token_is_malformed_without_being_decoded()
    {
        string token = _signer.Sign(PostClaims());
        string[] parts = token.Split('.');
        string huge = $"v1.k1.{parts[2]}{new string('A', 10 * 1024)}.{parts[3]}";

        Assert.Equal(TokenProblem.Malformed, _signer.Verify(huge).Problem);
        Assert.Equal(TokenProblem.Malformed, _signer.Verify(new string('x', 10 * 1024)).Problem);
    }

    [Fact]
    public void A_token_just_over_the_limit_is_malformed()
    {
        Assert.Equal(TokenProblem.Malformed, _signer.Verify("v1.k1." + new string('A', ApprovalTokenSigner.MaxTokenLength)).Problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_token_is_missing(string? token) =>
        Assert.Equal(TokenProblem.Missing, _signer.Verify(token).Problem);

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("""{"sub":"post","id":"p1","stg":1,"apr":"a@example.org","act":"approve"}""")]
    [InlineData("""{"sub":"blog","id":"p1","stg":1,"apr":"a@example.org","act":"approve","exp":1900000000}""")]
    [InlineData("""{"sub":"post","id":"","stg":1,"apr":"a@example.org","act":"approve","exp":1900000000}""")]
    [InlineData("""{"sub":"post","id":"p1","stg":-1,"apr":"a@example.org","act":"approve","exp":1900000000}""")]
    [InlineData("""{"sub":"post","id":"p1","stg":1,"apr":null,"act":"approve","exp":1900000000}""")]
    [InlineData("""{"sub":"post","id":"p1","stg":1,"apr":"a@example.org","act":"APPROVE","exp":1900000000}""")]
    [InlineData("""{"sub":"post","id":"p1","stg":1,"apr":"a@example.org","act":"approve","exp":1900000000,"admin":true}""")]
    public void A_correctly_signed_token_with_bad_claims_is_malformed(string payloadJson)
    {
        string token = TestSigners.SignRaw("k1", _secret, payloadJson);

        Assert.Equal(TokenProblem.Malformed, _signer.Verify(token).Problem);
    }

    [Fact]
    public void A_correctly_signed_hand_made_token_verifies()
    {
        string token = TestSigners.SignRaw("k1", _secret, """{"sub":"mention","id":"m1","stg":0,"apr":"a@example.org","act":"dismiss","exp":1900000000}""");

        TokenCheck check = _signer.Verify(token);

        Assert.Equal(new ApprovalTokenClaims("mention", "m1", 0, "a@example.org", "dismiss", DateTimeOffset.FromUnixTimeSeconds(1_900_000_000)), check.Claims);
    }

    [Fact]
    public void A_token_is_valid_until_the_second_it_expires()
    {
        ApprovalTokenClaims claims = PostClaims();
        string token = _signer.Sign(claims);

        _time.SetUtcNow(claims.ExpiresAt - TimeSpan.FromMilliseconds(1));
        Assert.Equal(TokenProblem.None, _signer.Verify(token).Problem);

        _time.SetUtcNow(claims.ExpiresAt);
        TokenCheck atExpiry = _signer.Verify(token);
        Assert.Equal(TokenProblem.Expired, atExpiry.Problem);
        Assert.Null(atExpiry.Claims);

        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(TokenProblem.Expired, _signer.Verify(token).Problem);
    }

    [Fact]
    public void Claims_that_are_already_expired_or_too_far_out_are_not_signed()
    {
        ApprovalTokenClaims claims = PostClaims();

        Assert.Throws<ArgumentException>(() => _signer.Sign(claims with { ExpiresAt = TestSigners.Start }));
        Assert.Throws<ArgumentException>(() => _signer.Sign(claims with { ExpiresAt = TestSigners.Start.AddMilliseconds(999) }));
        Assert.Throws<ArgumentException>(() => _signer.Sign(claims with { ExpiresAt = TestSigners.Start + TimeSpan.FromDays(30.5) }));
        Assert.NotNull(_signer.Sign(claims with { ExpiresAt = TestSigners.Start + TimeSpan.FromDays(30) }));
    }

    [Theory]
    [InlineData("blog", "p1", 1, "a@example.org", "approve")]
    [InlineData("Post", "p1", 1, "a@example.org", "approve")]
    [InlineData("post", "", 1, "a@example.org", "approve")]
    [InlineData("post", "p1", -1, "a@example.org", "approve")]
    [InlineData("post", "p1", 1, " ", "approve")]
    [InlineData("post", "p1", 1, "a@example.org", "")]
    [InlineData("post", "p1", 1, "a@example.org", "Approve")]
    [InlineData("post", "p1", 1, "a@example.org", "approve now")]
    public void Claims_that_could_never_verify_are_not_signed(string subject, string instanceId, int stage, string approver, string action) =>
        Assert.Throws<ArgumentException>(() => _signer.Sign(_signer.CreateClaims(subject, instanceId, stage, approver, action)));

    [Fact]
    public void Claims_too_big_for_a_link_are_not_signed()
    {
        ApprovalTokenClaims claims = PostClaims() with { InstanceId = new string('p', 2000) };

        ArgumentException error = Assert.Throws<ArgumentException>(() => _signer.Sign(claims));
        Assert.Contains("2048", error.Message, StringComparison.Ordinal);
    }

    private static string Flip(string text, int index) =>
        string.Concat(text.AsSpan(0, index), text[index] == 'A' ? "B" : "A", text.AsSpan(index + 1));
}
