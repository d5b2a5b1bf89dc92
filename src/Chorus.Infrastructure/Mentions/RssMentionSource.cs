using System.Xml.Linq;
using Chorus.Mentions;

namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// An RSS 2.0 or Atom feed (e.g. a Google Alerts feed). A feed is one page holding its latest entries, so each poll
/// reads it whole. Cursor: the newest handed-over entry's time and id (<see cref="FeedKey"/>).
/// </summary>
internal sealed class RssMentionSource(string name, Uri feedUri, int maxItemsPerPoll, SourceHttp http) : IMentionSource
{
    private const string Credentials = "that the feed is public";

    public string Name => name;

    public async Task<MentionBatch> PollAsync(string? cursor, CancellationToken cancellationToken = default)
    {
        FeedKey? after = null;
        if (cursor is not null)
        {
            after = FeedKey.TryParse(cursor, out FeedKey key)
                ? key
                : throw new MentionSourceException(name, $"the cursor '{cursor}' is not a feed cursor ('<ISO time>|<entry id>'); clear it to start again from the newest entries.");
        }

        using HttpRequestMessage request = new(HttpMethod.Get, feedUri);
        request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8");
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await http.EnsureSuccessAsync(response, Credentials, cancellationToken).ConfigureAwait(false);
        XDocument feed = await http.ReadXmlAsync(response, cancellationToken).ConfigureAwait(false);

        IReadOnlyList<FeedEntry> entries;
        try
        {
            entries = FeedReader.Read(feed, feedUri);
        }
        catch (FormatException ex)
        {
            throw http.Malformed(request, ex.Message);
        }

        MentionCollector<FeedKey> collector = new(after, key => key.ToString());
        foreach (FeedEntry entry in entries)
        {
            collector.Add(ToMention(entry), new FeedKey(entry.Published, entry.Id));
        }

        return collector.ToBatch(cursor, maxItemsPerPoll, complete: true, keysMayTie: false);
    }

    private Mention ToMention(FeedEntry entry)
    {
        string text = MentionText.Compose(entry.Title, entry.Body);

        // Feeds rarely name a person; the site that published the entry is the closest thing to its author.
        string handle = entry.Author ?? entry.Link?.Host ?? feedUri.Host;
        return new Mention(name, entry.Id, entry.Link, handle, entry.Author, AuthorReach: null, text, entry.Language, entry.Published, entry.RawXml);
    }
}
