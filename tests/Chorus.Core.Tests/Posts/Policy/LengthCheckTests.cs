using Chorus.Posts;
using Chorus.Posts.Policy;

namespace Chorus.Core.Tests.Posts.Policy;

/// <summary>A post too long for a channel is blocked, once per channel, with the part that does not fit highlighted.</summary>
public sealed class LengthCheckTests
{
    private const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";

    [Theory]
    [InlineData(280, false)]
    [InlineData(281, true)]
    public void X_allows_280_latin_characters(int count, bool over) => AssertOver(new string('a', count), Channel.X, over, 280);

    [Theory]
    [InlineData(140, false)]
    [InlineData(141, true)]
    public void X_counts_cjk_characters_twice(int count, bool over) => AssertOver(new string('漢', count), Channel.X, over, 140);

    [Theory]
    [InlineData(140, false)]
    [InlineData(141, true)]
    public void X_counts_a_zwj_emoji_sequence_as_two(int count, bool over) =>
        AssertOver(string.Concat(Enumerable.Repeat(Family, count)), Channel.X, over, 140 * Family.Length);

    [Theory]
    [InlineData(256, false)]
    [InlineData(257, true)]
    public void X_counts_any_link_as_23(int count, bool over) =>
        AssertOver(new string('a', count) + " https://chorus.com/" + new string('x', 300), Channel.X, over, count + 1);

    [Fact]
    public void X_counts_a_decomposed_accent_with_its_letter() =>
        AssertOver(string.Concat(Enumerable.Repeat("e\u0301", 280)), Channel.X, false, 0);

    [Theory]
    [InlineData(300, false)]
    [InlineData(301, true)]
    public void Bluesky_counts_graphemes(int count, bool over) =>
        AssertOver(string.Concat(Enumerable.Repeat("e\u0301", count)), Channel.Bluesky, over, 600);

    [Fact]
    public void Bluesky_also_limits_bytes()
    {
        // 300 families are 300 graphemes, but 25 bytes each: the 121st goes past 3,000 bytes.
        PolicyFinding finding = AssertOver(string.Concat(Enumerable.Repeat(Family, 300)), Channel.Bluesky, true, 120 * Family.Length)!;

        Assert.Contains("7,500 bytes", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, false)]
    [InlineData(501, true)]
    public void Mastodon_allows_500_characters(int count, bool over) => AssertOver(new string('a', count), Channel.Mastodon, over, 500);

    [Fact]
    public void Mastodon_counts_links_as_23_and_remote_mentions_by_user_name() =>
        AssertOver("@ana@mastodon.social " + new string('a', 450) + " https://chorus.com/" + new string('x', 100), Channel.Mastodon, false, 0);

    [Theory]
    [InlineData(3000, false)]
    [InlineData(3001, true)]
    public void LinkedIn_counts_code_points(int count, bool over) =>
        AssertOver(string.Concat(Enumerable.Repeat("\U0001F600", count)), Channel.LinkedIn, over, 6000);

    [Fact]
    public void Other_channels_use_the_configured_maximum()
    {
        LengthCheck check = new(new PolicyOptions { MaxLengthOther = 10 });

        Assert.Empty(check.Check(Drafts.Of("0123456789", Channel.Other), null));
        PolicyFinding finding = Assert.Single(check.Check(Drafts.Of("0123456789X", Channel.Other), null));
        Assert.Equal("Other", finding.Channel);
        Assert.Equal("X", finding.Matched);
    }

    [Fact]
    public void Each_offending_channel_gets_one_finding()
    {
        PostDraft draft = Drafts.Of(new string('a', 301), Channel.X, Channel.Bluesky, Channel.Mastodon, Channel.X, Channel.LinkedIn);

        string[] channels = [.. new LengthCheck(new PolicyOptions()).Check(draft, null).Select(f => f.Channel!)];

        Assert.Equal(["X", "Bluesky"], channels);
    }

    private static PolicyFinding? AssertOver(string text, Channel channel, bool over, int overflowStart)
    {
        List<PolicyFinding> findings = [.. new LengthCheck(new PolicyOptions()).Check(Drafts.Of(text, channel), null)];
        if (!over)
        {
            Assert.Empty(findings);
            return null;
        }

        PolicyFinding finding = Assert.Single(findings);
        Assert.Equal(PolicyRules.Length, finding.Rule);
        Assert.Equal(FindingSeverity.Block, finding.Severity);
        Assert.Equal(channel.ToString(), finding.Channel);
        Assert.Equal(overflowStart, finding.Start);
        Assert.Equal(text.Length - overflowStart, finding.Length);
        Assert.Equal(text[overflowStart..], finding.Matched);
        return finding;
    }
}
