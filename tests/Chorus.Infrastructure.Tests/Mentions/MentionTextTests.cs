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
    [InlineData("see <a href=\"https://x.example/?q=a>b\" title=\"1 > 0\">here</a>.", "see here.")]
    [InlineData("<a href='/a' data-x=\"<b>not bold</b>\">link</a> & <b class=\"x>y\">bold</b>", "link & bold")]
    [InlineData("<ul><li>one</li><li>two</li></ul>after", "one\ntwo\n\nafter")]
    [InlineData("<table><tr><td>plan</td><td>price</td></tr><tr><td>pro</td><td>9 &euro;</td></tr></table>", "plan price\npro 9 €")]
    [InlineData("2 &lt; 3 &amp;&amp; <i>it</i>&#39;s <unknown-tag>fine</unknown-tag>", "2 < 3 && it's fine")]
    [InlineData("<p>Unclosed <b>bold<p>next", "Unclosed bold\n\nnext")]
    [InlineData("<title>head only</title><template><p>later</p></template>body", "body")]
    [InlineData("<p>one\nparagraph,\n  wrapped</p><pre>two\n  lines</pre>", "one paragraph, wrapped\n\ntwo\nlines")]
    [InlineData("plain &amp; simple\nsecond line", "plain & simple\nsecond line")]
    public void Html_becomes_plain_text(string html, string text) => Assert.Equal(text, HtmlText.ToPlainText(html));

    [Fact]
    public void Mastodon_content_reads_as_the_post_with_mentions_hashtags_and_whole_links()
    {
        // The shape Mastodon 4 renders a status's content in: h-card mentions, hashtag links, and links split into
        // invisible and ellipsis spans so a browser shows "example.com/very/long/pa…". As text, the link is whole.
        const string Content = """
            <p><span class="h-card" translate="no"><a href="https://mastodon.example/@acme" class="u-url mention">@<span>acme</span></a></span> <span class="h-card" translate="no"><a href="https://other.example/@help" class="u-url mention">@<span>help</span></a></span> the export is broken again <a href="https://mastodon.example/tags/bug" class="mention hashtag" rel="tag">#<span>bug</span></a></p><p>Steps: <a href="https://example.com/very/long/path/to/the/report?id=42" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://</span><span class="ellipsis">example.com/very/long/pa</span><span class="invisible">th/to/the/report?id=42</span></a><br />Any news?</p>
            """;

        Assert.Equal(
            "@acme @help the export is broken again #bug\n\nSteps: https://example.com/very/long/path/to/the/report?id=42\nAny news?",
            HtmlText.ToPlainText(Content));
    }

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
