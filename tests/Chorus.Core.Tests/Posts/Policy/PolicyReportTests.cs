using Chorus.Durable;
using Chorus.Posts.Policy;

namespace Chorus.Core.Tests.Posts.Policy;

/// <summary>The report travels between activities and into findings.json as durable JSON.</summary>
public sealed class PolicyReportTests
{
    [Fact]
    public void Survives_the_durable_json_round_trip()
    {
        PolicyReport report = new(
        [
            new PolicyFinding(PolicyRules.Length, FindingSeverity.Block, "Too long for X.", 280, 5, "extra", "X"),
            new PolicyFinding(PolicyRules.NegativeSentiment, FindingSeverity.Warn, "Reads as negative."),
        ]);

        PolicyReport copy = DurableJson.Deserialize<PolicyReport>(DurableJson.Serialize(report))!;

        Assert.Equal(report.Findings, copy.Findings);
        Assert.Equal(FindingSeverity.Block, copy.HighestSeverity);
        Assert.True(copy.HasBlock);
        Assert.True(copy.NeedsReview);
    }
}
