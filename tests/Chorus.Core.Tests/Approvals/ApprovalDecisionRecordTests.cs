using Chorus.Approvals;

namespace Chorus.Core.Tests.Approvals;

public sealed class ApprovalDecisionRecordTests
{
    private static readonly ApprovalTokenClaims Claims = new(ApprovalSubjects.Post, "p1", 2, "Alice@Example.org", "approve", TestSigners.Start);

    [Fact]
    public void A_record_made_from_claims_fills_their_slot()
    {
        ApprovalDecisionRecord record = ApprovalDecisionRecord.ForClaims(Claims, "  fine  ", TestSigners.Start, "192.0.2.1", "Firefox");

        Assert.Equal(new ApprovalDecisionRecord("post", "p1", 2, "Alice@Example.org", "approve", "fine", TestSigners.Start, "192.0.2.1", "Firefox"), record);
        Assert.True(record.IsFor(Claims with { Approver = "alice@example.org", Action = "reject" }));
        Assert.False(record.IsFor(Claims with { Stage = 3 }));
        Assert.False(record.IsFor(Claims with { InstanceId = "p2" }));
        Assert.False(record.IsFor(Claims with { Subject = ApprovalSubjects.Mention }));
        Assert.False(record.IsFor(Claims with { Approver = "bob@example.org" }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \r\n ")]
    public void A_blank_comment_is_none(string? comment) =>
        Assert.Null(ApprovalDecisionRecord.ForClaims(Claims, comment, TestSigners.Start, null, null).Comment);

    [Fact]
    public void A_comment_over_2000_characters_is_refused()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => new ApprovalDecisionRecord("post", "p1", 1, "a@example.org", "approve", new string('x', 2001), TestSigners.Start, null, null));

        Assert.Contains("2000", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ApprovalDecisionRecord.ForClaims(Claims, new string('x', 2001), TestSigners.Start, null, null));
    }

    [Fact]
    public void A_comment_of_2000_characters_with_browser_line_breaks_fits()
    {
        // A browser counts each line break once against maxlength but submits it as CRLF.
        string typed = string.Join('\n', Enumerable.Repeat(new string('x', 99), 20));
        Assert.Equal(1999, typed.Length);

        ApprovalDecisionRecord record = ApprovalDecisionRecord.ForClaims(Claims, typed.Replace("\n", "\r\n", StringComparison.Ordinal), TestSigners.Start, null, null);

        Assert.Equal(typed, record.Comment);
    }

    [Fact]
    public void The_comment_limit_also_holds_for_with_expressions()
    {
        ApprovalDecisionRecord record = ApprovalDecisionRecord.ForClaims(Claims, "ok", TestSigners.Start, null, null);

        Assert.Throws<ArgumentException>(() => record with { Comment = new string('x', 2001) });
    }
}
