using System.Xml.Linq;

namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// Reads the entries of an RSS 2.0 or Atom feed. System.Xml.Linq rather than System.ServiceModel.Syndication: each
/// entry's own XML is kept as the raw payload, and feeds with dates or ids the strict parser refuses still read.
/// </summary>
internal static class FeedReader
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";

    /// <summary>Reads every entry, in document order.</summary>
    /// <param name="feed">The feed document.</param>
    /// <param name="feedUri">The feed's address, against which relative links are resolved.</param>
    /// <exception cref="FormatException">The document is not an RSS 2.0 or Atom feed, or an entry lacks an id or a date.</exception>
    public static IReadOnlyList<FeedEntry> Read(XDocument feed, Uri feedUri)
    {
        XElement root = feed.Root ?? throw new FormatException("the document is empty");
        if (root.Name == "rss")
        {
            XElement channel = root.Element("channel") ?? throw new FormatException("the RSS document has no <channel>");
            string? language = Trimmed(channel.Element("language"));
            return [.. channel.Elements("item").Select((item, index) => ReadItem(item, index, language, feedUri))];
        }

        if (root.Name == Atom + "feed")
        {
            string? feedAuthor = Trimmed(root.Element(Atom + "author")?.Element(Atom + "name"));
            return [.. root.Elements(Atom + "entry").Select((entry, index) => ReadEntry(entry, index, feedAuthor, feedUri))];
        }

        throw new FormatException($"the document is neither RSS 2.0 nor Atom (its root element is <{root.Name.LocalName}>)");
    }

    private static FeedEntry ReadItem(XElement item, int index, string? channelLanguage, Uri feedUri)
    {
        Uri? link = Link(Trimmed(item.Element("link")), feedUri);
        XElement? guidElement = item.Element("guid");
        string? guid = Trimmed(guidElement);
        if (link is null && guid is not null && (string?)guidElement!.Attribute("isPermaLink") != "false")
        {
            link = Link(guid, feedUri);
        }

        string id = guid ?? link?.AbsoluteUri ?? throw new FormatException($"item {index + 1} has neither a <guid> nor a <link>");
        string dateText = Trimmed(item.Element("pubDate")) ?? Trimmed(item.Element(DublinCore + "date"))
            ?? throw new FormatException($"item '{id}' has no <pubDate>");
        if (!FeedDate.TryParse(dateText, out DateTimeOffset published))
        {
            throw new FormatException($"item '{id}' has a <pubDate> that is not a date ('{dateText}')");
        }

        return new FeedEntry(
            id,
            link,
            HtmlText.ToPlainText((string?)item.Element("title")),
            HtmlText.ToPlainText((string?)item.Element(Content + "encoded") ?? (string?)item.Element("description")),
            Trimmed(item.Element(DublinCore + "creator")) ?? RssAuthor(Trimmed(item.Element("author"))),
            Trimmed(item.Element(DublinCore + "language")) ?? channelLanguage,
            published,
            item.ToString(SaveOptions.DisableFormatting));
    }

    private static FeedEntry ReadEntry(XElement entry, int index, string? feedAuthor, Uri feedUri)
    {
        XElement? alternate = entry.Elements(Atom + "link")
            .FirstOrDefault(link => (string?)link.Attribute("rel") is null or "alternate");
        Uri? link = Link((string?)alternate?.Attribute("href"), feedUri);
        string id = Trimmed(entry.Element(Atom + "id")) ?? link?.AbsoluteUri
            ?? throw new FormatException($"entry {index + 1} has neither an <id> nor a <link>");
        string dateText = Trimmed(entry.Element(Atom + "published")) ?? Trimmed(entry.Element(Atom + "updated"))
            ?? throw new FormatException($"entry '{id}' has neither <published> nor <updated>");
        if (!FeedDate.TryParse(dateText, out DateTimeOffset published))
        {
            throw new FormatException($"entry '{id}' has a date that is not a date ('{dateText}')");
        }

        // xml:lang is inherited (XML 1.0 §2.12): the text's own, else its entry's, else its feed's.
        XElement? body = entry.Element(Atom + "content") ?? entry.Element(Atom + "summary");
        return new FeedEntry(
            id,
            link,
            TextConstruct(entry.Element(Atom + "title")),
            TextConstruct(body),
            Trimmed(entry.Element(Atom + "author")?.Element(Atom + "name")) ?? feedAuthor,
            (body ?? entry).AncestorsAndSelf().Select(element => Trimmed(element.Attribute(XNamespace.Xml + "lang"))).FirstOrDefault(lang => lang is not null),
            published,
            entry.ToString(SaveOptions.DisableFormatting));
    }

    /// <summary>Reads an Atom text construct by its declared type (RFC 4287 §3.1).</summary>
    private static string TextConstruct(XElement? element) => element is null ? string.Empty : (string?)element.Attribute("type") switch
    {
        "html" => HtmlText.ToPlainText(element.Value),
        "xhtml" => HtmlText.ToPlainText(string.Concat(element.Nodes())),
        _ => HtmlText.Tidy(element.Value),
    };

    /// <summary>Resolves a link; Google Alerts wraps every link in a redirect, which is unwrapped to the page itself.</summary>
    private static Uri? Link(string? href, Uri feedUri)
    {
        if (string.IsNullOrWhiteSpace(href) || !Uri.TryCreate(feedUri, href.Trim(), out Uri? link) || (link.Scheme != Uri.UriSchemeHttp && link.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        if (link.Host is "www.google.com" or "google.com" && link.AbsolutePath == "/url"
            && (QueryValue(link, "url") ?? QueryValue(link, "q")) is { } target
            && Uri.TryCreate(target, UriKind.Absolute, out Uri? unwrapped) && (unwrapped.Scheme == Uri.UriSchemeHttp || unwrapped.Scheme == Uri.UriSchemeHttps))
        {
            return unwrapped;
        }

        return link;
    }

    private static string? QueryValue(Uri uri, string name)
    {
        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && Uri.UnescapeDataString(pair[..equals]) == name)
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }

    /// <summary>RSS's author is an email address, often followed by the name in parentheses: the name is what is wanted.</summary>
    private static string? RssAuthor(string? author)
    {
        if (author is null)
        {
            return null;
        }

        int open = author.IndexOf('(', StringComparison.Ordinal);
        int close = author.LastIndexOf(')');
        return open >= 0 && close > open + 1 ? author[(open + 1)..close].Trim() : author;
    }

    private static string? Trimmed(XElement? element) => Trimmed((string?)element);

    private static string? Trimmed(XAttribute? attribute) => Trimmed((string?)attribute);

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
