using Chorus.Infrastructure.Mentions;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>The small pieces the connectors share: HTML to text, feed dates, id order.</summary>
public sealed class MentionTextTests
{
    [Theory]
    [InlineData("<p>Hello <b>world</b></p><p>Bye</p>", "Hello world\n\nBye")]
    [InlineData("a &amp; b &lt;3 &eacute;&nbsp;&hellip; &#x1F600; &#39;q&#39;", "a & b <3 é … 😀 'q'")]
    [InlineData("line<br>next<br/>last", "line\nnext\nlast")]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>")]
    [InlineData("<script>alert(1)</script><style>p{}</style><!-- note -->kept", "kept")]
    [InlineData("First<p>Second<p><p><p>Third", "First\n\nSecond\n\nThird")]
    [InlineData("  spaced \t out  ", "spaced out")]
    [InlineData("x < y and y > z", "x < y and y > z")]
    [InlineData("", "")]
    public void Html_becomes_plain_text(string html, string text) => Assert.Equal(text, HtmlText.ToPlainText(html));

    [Theory]
    [InlineData("Mon, 02 Jun 2025 09:15:00 GMT", "2025-06-02T09:15:00+00:00")]
    [InlineData("Mon, 2 Jun 2025 10:00:00 +0100", "2025-06-02T09:00:00+00:00")]
    [InlineData("Mon, 02 Jun 2025 05:30:00 EDT", "2025-06-02T09:30:00+00:00")]
    [InlineData("Wed, 02 Jun 2025 09:15 PST", "2025-06-02T17:15:00+00:00")]
    [InlineData("02 Jun 25 09:15:00 Z", "2025-06-02T09:15:00+00:00")]
    [InlineData("2025-06-02T09:15:00Z", "2025-06-02T09:15:00+00:00")]
    [InlineData("2025-06-02T11:15:00+02:00", "2025-06-02T09:15:00+00:00")]
    public void Feed_dates_read_in_either_format(string text, string expected)
    {
        Assert.True(FeedDate.TryParse(text, out DateTimeOffset time));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Mon, 02 Jun 2025 09:15:00 XYZ")]
    public void Nonsense_is_not_a_feed_date(string text) => Assert.False(FeedDate.TryParse(text, out _));

    [Theory]
    [InlineData("9", "10", -1)]
    [InlineData("1929401000000000002", "1929401000000000010", -1)]
    [InlineData("34975865", "34975865", 0)]
    [InlineData("200", "1999", -1)]
    public void Snowflake_ids_order_as_numbers(string left, string right, int sign)
    {
        Assert.Equal(sign, Math.Sign(new SnowflakeId(left).CompareTo(new SnowflakeId(right))));
        Assert.Equal(-sign, Math.Sign(new SnowflakeId(right).CompareTo(new SnowflakeId(left))));
    }

    [Fact]
    public void A_feed_cursor_round_trips_with_an_id_holding_a_bar()
    {
        FeedKey key = new(new DateTimeOffset(2025, 6, 2, 11, 30, 0, TimeSpan.FromHours(2)), "urn:a|b");

        Assert.Equal("2025-06-02T09:30:00.0000000Z|urn:a|b", key.ToString());
        Assert.True(FeedKey.TryParse(key.ToString(), out FeedKey parsed));
        Assert.Equal(0, key.CompareTo(parsed));
        Assert.False(FeedKey.TryParse("urn:a", out _));
    }
}
