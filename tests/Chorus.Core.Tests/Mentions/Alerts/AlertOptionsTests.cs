using Chorus.Mentions.Alerts;

namespace Chorus.Core.Tests.Mentions.Alerts;

public sealed class AlertOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_off()
    {
        AlertOptions options = new();
        Assert.False(options.Enabled);
        Assert.Empty(AlertOptionsValidator.Check(options));
    }

    [Fact]
    public void Each_bad_setting_is_refused_with_its_name()
    {
        AlertOptions options = new()
        {
            Enabled = true,
            Probability = 0.7,
            MinCount = 0,
            BaselineHalfLife = TimeSpan.FromMinutes(10),
            WarmUp = TimeSpan.FromDays(-1),
            SentimentDrop = 0,
            Every = TimeSpan.Zero,
        };
        options.Terms.AddRange(["refund", "Refund", "#?!"]);
        List<string> failures = [.. AlertOptionsValidator.Check(options)];

        foreach (string setting in new[] { "Recipients", "Terms:1", "Terms:2", "Probability", "MinCount", "BaselineHalfLife", "WarmUp", "SentimentDrop", "Every" })
        {
            Assert.Contains(failures, f => f.StartsWith($"Mentions:Alerts:{setting} ", StringComparison.Ordinal));
        }

        options.Recipients.Add("not an address");
        Assert.Contains(AlertOptionsValidator.Check(options), f => f.StartsWith("Mentions:Alerts:Recipients:0 is not an email address", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("refund", "refund")]
    [InlineData("Refund", "refund")]
    [InlineData("all", "all-")]
    [InlineData("data breach", "data-breach-")]
    [InlineData("#Zèbre", "zebre-")]
    public void A_term_key_is_a_safe_path_segment_and_never_the_whole_sources_key(string term, string starts)
    {
        string key = AlertSeries.KeyOf(term)!;
        Assert.StartsWith(starts, key, StringComparison.Ordinal);
        Assert.Matches("^[a-z0-9-]{1,48}$", key);
        Assert.NotEqual(AlertSeries.AllKey, key);
    }
}
