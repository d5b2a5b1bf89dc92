using Chorus.Posts.Policy;

namespace Chorus.Core.Tests.Posts.Policy;

/// <summary>Each platform's way of counting, unit by unit.</summary>
public sealed class TextLengthTests
{
    private const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"; // 👨‍👩‍👧‍👦, 11 UTF-16 units

    [Theory]
    [InlineData("hello", 5)]
    [InlineData("漢字", 4)]
    [InlineData("한국어", 6)]
    [InlineData("e\u0301", 1)] // NFC: é
    [InlineData(Family, 2)]
    [InlineData("\U0001F44B\U0001F3FD", 2)] // 👋🏽 with a skin tone
    [InlineData("\U0001F1EB\U0001F1F7", 2)] // 🇫🇷
    [InlineData("#\uFE0F\u20E3", 2)] // #️⃣
    [InlineData("\u2764\uFE0F", 2)] // ❤️
    [InlineData("\u2018quoted\u2019", 8)] // curly quotes are in a weight-1 range
    [InlineData("\u2026", 2)] // … is not
    [InlineData("Hello 世界 \U0001F44B\U0001F3FD https://chorus.com/a/very/long/path/indeed", 5 + 1 + 4 + 1 + 2 + 1 + 23)]
    [InlineData("chorus.com", 23)]
    public void X_weighs_text_as_twitter_text_v3(string text, int weighted) =>
        Assert.Equal(weighted, TextLength.XWeighted(text, UrlScanner.Find(text), 280).Length);

    [Theory]
    [InlineData("hello", 5)]
    [InlineData("e\u0301", 1)]
    [InlineData(Family, 1)]
    [InlineData("\U0001F1EB\U0001F1F7\U0001F1E9\U0001F1EA", 2)]
    public void Graphemes_count_what_a_reader_sees_as_one_character(string text, int graphemes) =>
        Assert.Equal(graphemes, TextLength.Graphemes(text, 300).Length);

    [Theory]
    [InlineData("@ana@mastodon.social hi", 4 + 3)]
    [InlineData("@ana hi", 7)]
    [InlineData("mail ana@mastodon.social", 24)]
    [InlineData("https://chorus.com/a/very/long/path/indeed", 23)]
    [InlineData("chorus.com/a/very/long/path", 27)]
    [InlineData("\U0001F600x", 2)]
    public void Mastodon_counts_code_points_with_links_and_remote_mentions_shortened(string text, int length) =>
        Assert.Equal(length, TextLength.Mastodon(text, UrlScanner.Find(text), 500).Length);

    [Fact]
    public void The_overflow_starts_at_the_first_unit_past_the_limit()
    {
        TextLength.Measure measure = TextLength.XWeighted("abc漢", [], 4);

        Assert.Equal(5, measure.Length);
        Assert.Equal(3, measure.OverflowStart);
        Assert.Equal(-1, TextLength.XWeighted("abc漢", [], 5).OverflowStart);
    }

    [Fact]
    public void Lone_surrogates_count_as_replacement_characters()
    {
        const string text = "a\uD800b\uDC00";

        Assert.Equal(1 + 2 + 1 + 2, TextLength.XWeighted(text, [], 280).Length);
        Assert.Equal(4, TextLength.CodePoints(text, 500).Length);
        Assert.Equal(1 + 3 + 1 + 3, TextLength.Utf8Bytes(text, 3000).Length);
        Assert.Equal(4, TextLength.Graphemes(text, 300).Length);
    }
}
