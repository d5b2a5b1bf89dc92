using System.Xml.Linq;
using Chorus.Infrastructure.Mentions;
using Chorus.Mentions;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>The RSS 2.0 / Atom connector against a served feed.</summary>
public sealed class RssMentionSourceTests : IAsyncLifetime
{
    private const string P1001 = "https://reviews.example/acme/?p=1001";
    private const string R1002 = "https://reviews.example/acme/r/1002";
    private const string P1003 = "https://reviews.example/acme/?p=1003";
    private const string P1004 = "https://reviews.example/acme/?p=1004";
    private const string P1005 = "https://reviews.example/acme/?p=1005";
    private const string P1006 = "https://reviews.example/acme/?p=1006";
    private const string Alert1 = "tag:google.com,2013:googlealerts/feed:11810116404112735511";
    private const string Alert2 = "tag:google.com,2013:googlealerts/feed:9002841186377790111";
    private const string Alert3 = "tag:google.com,2013:googlealerts/feed:4431028310913342189";
    private const string Alert4 = "tag:google.com,2013:googlealerts/feed:7719200456611238790";

    private SourceHarness _harness = null!;
    private string _feed = string.Empty;

    public async Task InitializeAsync()
    {
        _harness = await SourceHarness.StartAsync(request => request.Path == ConnectorCase.FeedPath ? Reply.Xml(_feed) : Reply.NotFound(request));
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task The_first_poll_hands_over_an_rss_feed_oldest_first_with_html_and_entities_turned_to_text()
    {
        _feed = Payloads.Read("rss.xml");

        MentionBatch batch = await Source().PollAsync(null);

        // 1002 (10:00 +0100) and 1003 share 09:00 UTC: the id breaks the tie. 1004 is 05:30 EDT, 09:30 UTC.
        MentionAssert.Batch(batch, [P1003, R1002, P1001, P1004], $"2025-06-02T09:30:00.0000000Z|{P1004}");
        Mention review = batch.Mentions[2];
        Assert.Equal(new Uri("https://reviews.example/acme/r/1001"), review.Url);
        Assert.Equal(("Priya N.", "Priya N.", (long?)null), (review.AuthorHandle, review.AuthorName, review.AuthorReach));
        Assert.Equal("Solid, but the export & import tools need work\n\nFour stars. The dashboard is great — but exporting to CSV drops accents: café becomes caf?", review.Text);
        Assert.Equal("en-GB", review.Language);
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 9, 15, 0, TimeSpan.Zero), review.CreatedAt);
        Assert.StartsWith("<item>", review.RawPayload, StringComparison.Ordinal);
        Assert.Equal("Priya N.", (string?)XElement.Parse(review.RawPayload).Element(XName.Get("creator", "http://purl.org/dc/elements/1.1/")));
        Assert.Contains($"<guid isPermaLink=\"false\">{P1001}</guid>", review.RawPayload, StringComparison.Ordinal);

        Assert.Equal(("Jo Park", "Best support I’ve had\n\nThey fixed my billing issue in minutes."), (batch.Mentions[1].AuthorHandle, batch.Mentions[1].Text));
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero), batch.Mentions[1].CreatedAt);
        Assert.Equal(("reviews.example", (string?)null), (batch.Mentions[0].AuthorHandle, batch.Mentions[0].AuthorName));
        Assert.Equal("Price rise is too steep\n\n30% more for the same plan? No thanks.\n\nLooking at alternatives …", batch.Mentions[0].Text);
        Assert.Equal("Mobile app crashes on login\n\nSince the last update the app crashes & I can't log in.", batch.Mentions[3].Text);
    }

    [Fact]
    public async Task An_incremental_poll_hands_over_only_newer_entries_including_one_at_the_cursors_time_with_a_later_id()
    {
        _feed = Payloads.Read("rss.xml");
        IMentionSource source = Source();
        MentionBatch first = await source.PollAsync(null);
        _feed = Payloads.Read("rss-newer.xml");

        MentionBatch second = await source.PollAsync(first.Cursor);
        MentionBatch third = await source.PollAsync(second.Cursor);

        MentionAssert.Batch(second, [P1005, P1006], $"2025-06-02T13:45:00.0000000Z|{P1006}");
        MentionAssert.Batch(third, [], second.Cursor);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\uFEFF\r\n\r\n")]
    [InlineData("\uFEFF\uFEFF  \t\n")]
    public async Task A_feed_with_a_byte_order_mark_or_blank_lines_before_its_xml_declaration_is_read_whole(string noise)
    {
        // WordPress feeds often start so (a theme or plugin file with a trailing newline); the whole feed used to be lost.
        _feed = noise + Payloads.Read("rss.xml");

        MentionBatch batch = await Source().PollAsync(null);

        MentionAssert.Batch(batch, [P1003, R1002, P1001, P1004], $"2025-06-02T09:30:00.0000000Z|{P1004}");
    }

    [Fact]
    public async Task A_title_that_is_only_the_bodys_opening_words_is_not_said_twice()
    {
        _feed = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Acme reviews</title><link>https://reviews.example/</link>
              <item><title>Acme charged me twice…</title><link>https://reviews.example/r/1</link><guid>r1</guid>
                <pubDate>Mon, 02 Jun 2025 09:00:00 +0000</pubDate>
                <description>Acme charged me twice this month. I want a refund.</description></item>
              <item><title>Billing</title><link>https://reviews.example/r/2</link><guid>r2</guid>
                <pubDate>Mon, 02 Jun 2025 09:05:00 +0000</pubDate>
                <description>Acme charged me twice.</description></item>
            </channel></rss>
            """;

        MentionBatch batch = await Source().PollAsync(null);

        Assert.Equal("Acme charged me twice this month. I want a refund.", batch.Mentions[0].Text);
        Assert.Equal("Billing\n\nAcme charged me twice.", batch.Mentions[1].Text);
    }

    [Fact]
    public async Task The_triage_email_subject_never_repeats_a_title_in_rss_or_atom()
    {
        _feed = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Acme reviews</title><link>https://reviews.example/</link>
              <item><title>Chorus charged me twice</title><link>https://reviews.example/r/1</link><guid>r1</guid>
                <pubDate>Mon, 02 Jun 2025 09:00:00 +0000</pubDate>
                <description>&lt;p&gt;Chorus &lt;b&gt;charged&lt;/b&gt; me twice this month. I want a refund.&lt;/p&gt;</description></item>
              <item><title>Chorus charged me twice</title><link>https://reviews.example/r/2</link><guid>r2</guid>
                <pubDate>Mon, 02 Jun 2025 09:01:00 +0000</pubDate>
                <description>Chorus charged me twice</description></item>
            </channel></rss>
            """;
        MentionBatch rss = await Source().PollAsync(null);
        _feed = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><id>tag:alerts</id><title>Alerts</title><updated>2025-06-02T09:00:00Z</updated>
              <entry><id>tag:alerts:1</id><title type="html">&lt;b&gt;Chorus&lt;/b&gt; charged me twice</title>
                <link href="https://forum.example/t/1"/><published>2025-06-02T09:02:00Z</published><updated>2025-06-02T09:02:00Z</updated>
                <content type="html">&lt;b&gt;Chorus&lt;/b&gt; charged me   twice and nobody answers &amp;hellip;</content></entry>
              <entry><id>tag:alerts:2</id><title type="text">Chorus charged me twice…</title>
                <link href="https://forum.example/t/2"/><published>2025-06-02T09:03:00Z</published><updated>2025-06-02T09:03:00Z</updated>
                <summary>Chorus charged me twice in May, and again in June.</summary></entry>
            </feed>
            """;
        MentionBatch atom = await Source().PollAsync(null);

        Assert.Equal(4, rss.Mentions.Count + atom.Mentions.Count);
        Assert.All(rss.Mentions.Concat(atom.Mentions), mention => MentionAssert.SubjectSaysOnce(mention, "charged me twice"));
        Assert.Equal("Chorus charged me twice and nobody answers …", atom.Mentions[0].Text);
    }

    [Fact]
    public async Task A_cdata_description_is_read_as_html_with_no_markup_left_over()
    {
        // WordPress and most blog engines send the body as HTML in CDATA; a '>' inside an attribute is still markup.
        _feed = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Acme blog comments</title><link>https://blog.example/</link>
              <item><title>Comment on Pricing by Ada</title><link>https://blog.example/pricing#c7</link><guid>c7</guid>
                <pubDate>Mon, 02 Jun 2025 09:00:00 +0000</pubDate>
                <description><![CDATA[<p>The <strong>new plan</strong> is 2&times; the price &amp; I&#8217;m not happy.</p>
            <p>Compare <a href="https://acme.example/plans?from=a>b" title="1 > 0">here</a>:</p>
            <ul>
              <li>old: 5 &euro;</li>
              <li>new: 10 &euro;</li>
            </ul>
            <p><img src="https://blog.example/smile.png" alt=":-(" /> <script>track()</script>Ada</p>]]></description></item>
            </channel></rss>
            """;

        MentionBatch batch = await Source().PollAsync(null);

        Assert.Equal(
            "Comment on Pricing by Ada\n\nThe new plan is 2× the price & I’m not happy.\n\nCompare here:\n\nold: 5 €\nnew: 10 €\n\nAda",
            Assert.Single(batch.Mentions).Text);
    }

    [Fact]
    public async Task Text_before_the_xml_declaration_is_still_a_malformed_feed()
    {
        _feed = "<!-- cached -->\n" + Payloads.Read("rss.xml");

        await Assert.ThrowsAsync<MentionSourceException>(() => Source().PollAsync(null));
    }

    [Fact]
    public async Task An_atom_entrys_language_is_its_contents_own_xml_lang_before_the_entrys_and_the_feeds()
    {
        _feed = Payloads.Read("google-alerts.xml")
            .Replace("<feed xmlns=\"http://www.w3.org/2005/Atom\"", "<feed xml:lang=\"en\" xmlns=\"http://www.w3.org/2005/Atom\"", StringComparison.Ordinal)
            .Replace("<content type=\"html\">&lt;b&gt;Acme&lt;/b&gt;, the invoicing", "<content type=\"html\" xml:lang=\"de\">&lt;b&gt;Acme&lt;/b&gt;, the invoicing", StringComparison.Ordinal);

        MentionBatch batch = await Source().PollAsync(null);

        Assert.Equal("de", batch.Mentions[0].Language);
        Assert.Equal("en", batch.Mentions[2].Language);
    }

    [Fact]
    public async Task A_google_alerts_atom_feed_reads_with_titles_decoded_and_links_unwrapped()
    {
        _feed = Payloads.Read("google-alerts.xml");
        IMentionSource source = Source();

        MentionBatch batch = await source.PollAsync(null);

        MentionAssert.Batch(batch, [Alert1, Alert2, Alert3], $"2025-06-02T10:05:00.0000000Z|{Alert3}");
        Mention alert = batch.Mentions[0];
        Assert.Equal(new Uri("https://news.example/2025/06/acme-prices"), alert.Url);
        Assert.Equal(("news.example", (string?)null), (alert.AuthorHandle, alert.AuthorName));
        Assert.Equal(
            "Acme raises prices by 30% & customers aren't happy\n\nAcme, the invoicing start-up, told customers on Monday that plans would cost 30% more from July …",
            alert.Text);
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 8, 42, 0, TimeSpan.Zero), alert.CreatedAt);
        Assert.StartsWith("<entry xmlns=\"http://www.w3.org/2005/Atom\">", alert.RawPayload, StringComparison.Ordinal);
        Assert.Equal(Alert1, (string?)XElement.Parse(alert.RawPayload).Element(XName.Get("id", "http://www.w3.org/2005/Atom")));
        Assert.Equal(new Uri("https://blog.example.org/left-acme?ref=alerts"), batch.Mentions[2].Url);
        Assert.Equal("Why we left Acme for a spreadsheet\n\nExports were flaky and Acme's support couldn't say when they’d be fixed.", batch.Mentions[2].Text);

        // Published, not updated, places an entry: an edited entry is not new.
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 9, 30, 0, TimeSpan.Zero), batch.Mentions[1].CreatedAt);

        _feed = Payloads.Read("google-alerts-newer.xml");
        MentionAssert.Batch(await source.PollAsync(batch.Cursor), [Alert4], $"2025-06-02T14:20:00.0000000Z|{Alert4}");
    }

    [Fact]
    public async Task The_cap_hands_over_the_oldest_entries_first_and_the_next_poll_continues_where_it_stopped()
    {
        _feed = Payloads.Read("rss.xml");
        IMentionSource source = Source(maxItemsPerPoll: 2);
        const string Before = "2025-06-01T00:00:00.0000000Z|";

        MentionBatch first = await source.PollAsync(Before);
        MentionBatch second = await source.PollAsync(first.Cursor);
        MentionBatch third = await source.PollAsync(second.Cursor);

        // The cut falls between two entries of the same time; the id in the cursor keeps the second one from being lost.
        MentionAssert.Batch(first, [P1003, R1002], $"2025-06-02T09:00:00.0000000Z|{R1002}", caughtUp: false);
        MentionAssert.Batch(second, [P1001, P1004], $"2025-06-02T09:30:00.0000000Z|{P1004}");
        MentionAssert.Batch(third, [], second.Cursor);
    }

    [Fact]
    public async Task The_first_poll_of_a_long_feed_starts_from_its_newest_entries()
    {
        _feed = Payloads.Read("rss.xml");

        MentionBatch batch = await Source(maxItemsPerPoll: 2).PollAsync(null);

        MentionAssert.Batch(batch, [P1001, P1004], $"2025-06-02T09:30:00.0000000Z|{P1004}");
    }

    [Fact]
    public async Task An_entry_listed_twice_is_handed_over_once()
    {
        string feed = Payloads.Read("rss.xml");
        int start = feed.IndexOf("<item>", StringComparison.Ordinal);
        int end = feed.IndexOf("</item>", StringComparison.Ordinal) + "</item>".Length;
        _feed = feed.Insert(end, feed[start..end]);

        MentionBatch batch = await Source().PollAsync(null);

        MentionAssert.Batch(batch, [P1003, R1002, P1001, P1004], $"2025-06-02T09:30:00.0000000Z|{P1004}");
    }

    [Fact]
    public async Task An_empty_feed_is_caught_up_and_keeps_the_cursor()
    {
        _feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Acme</title><link>https://reviews.example/</link><description>none yet</description></channel></rss>""";
        IMentionSource source = Source();

        MentionAssert.Batch(await source.PollAsync(null), [], null);
        MentionAssert.Batch(await source.PollAsync($"2025-06-02T09:30:00.0000000Z|{P1004}"), [], $"2025-06-02T09:30:00.0000000Z|{P1004}");
    }

    [Fact]
    public async Task An_html_page_instead_of_a_feed_is_malformed()
    {
        _feed = "<html><head><title>Moved</title></head><body>This feed has moved.</body></html>";

        MentionSourceException failure = await MentionAssert.FailsAsync(Source());

        Assert.EndsWith("is malformed: the document is neither RSS 2.0 nor Atom (its root element is <html>).", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_that_is_not_a_feed_cursor_fails_and_says_how_to_recover()
    {
        _feed = Payloads.Read("rss.xml");

        MentionSourceException failure = await MentionAssert.FailsAsync(Source(), "34975865");

        Assert.Contains("the cursor '34975865' is not a feed cursor", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_harness.Server.Requests);
    }

    [Fact]
    public async Task The_feed_is_asked_for_as_a_feed()
    {
        _feed = Payloads.Read("google-alerts.xml");

        await Source().PollAsync(null);

        ServedRequest request = Assert.Single(_harness.Server.Requests);
        Assert.Equal(("GET", ConnectorCase.FeedPath), (request.Method, request.Path));
        Assert.Contains("application/atom+xml", request.Header("Accept"), StringComparison.Ordinal);
    }

    private IMentionSource Source(int maxItemsPerPoll = MentionSourceOptions.DefaultMaxItemsPerPoll) => _harness.Create(new MentionSourceOptions
    {
        Kind = "Rss",
        Schedule = "*/15 * * * *",
        Endpoint = new Uri(_harness.Server.BaseUri, ConnectorCase.FeedPath),
        MaxItemsPerPoll = maxItemsPerPoll,
    });
}
