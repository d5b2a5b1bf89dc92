using Chorus.Infrastructure.Mentions;
using Chorus.Mentions;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>
/// One connector against its fake API, with recorded items published, for the behaviours every connector shares:
/// throttling, server errors, bodies that do not parse or do not match, the User-Agent.
/// </summary>
internal sealed class ConnectorCase : IAsyncDisposable
{
    public const string FeedPath = "/alerts/feeds/acme.xml";

    private ConnectorCase(SourceHarness harness, IMentionSource source, string listPath, string unparsable, string wrongShape, string wrongShapeProblem)
    {
        Harness = harness;
        Source = source;
        ListPath = listPath;
        Unparsable = unparsable;
        WrongShape = wrongShape;
        WrongShapeProblem = wrongShapeProblem;
    }

    /// <summary>Gets the names of the cases, for theories.</summary>
    public static TheoryData<string> Names => ["rss", "atom", "mastodon", "bluesky-search", "bluesky-notifications", "hackernews", "x-mentions", "x-search"];

    public SourceHarness Harness { get; }

    public IMentionSource Source { get; }

    /// <summary>Gets the path of the request that lists mentions (not, say, the session's).</summary>
    public string ListPath { get; }

    /// <summary>Gets a body that does not parse.</summary>
    public string Unparsable { get; }

    /// <summary>Gets a body that parses but is not what the API documents.</summary>
    public string WrongShape { get; }

    /// <summary>Gets what the error message should say is wrong with <see cref="WrongShape"/>.</summary>
    public string WrongShapeProblem { get; }

    public static async Task<ConnectorCase> StartAsync(string name)
    {
        SourceHarness harness = await SourceHarness.StartAsync();
        Uri endpoint = harness.Server.BaseUri;
        switch (name)
        {
            case "rss" or "atom":
                string feed = Payloads.Read(name == "rss" ? "rss.xml" : "google-alerts.xml");
                harness.Server.Handler = request => request.Path == FeedPath ? Reply.Xml(feed) : Reply.NotFound(request);
                return new ConnectorCase(
                    harness,
                    harness.Create(new MentionSourceOptions { Kind = "Rss", Schedule = "*/15 * * * *", Endpoint = new Uri(endpoint, FeedPath) }),
                    FeedPath,
                    "<rss version=\"2.0\"><channel><item><title>cut off",
                    name == "rss"
                        ? "<rss version=\"2.0\"><channel><item><title>No id</title><pubDate>Mon, 02 Jun 2025 09:00:00 GMT</pubDate></item></channel></rss>"
                        : "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>urn:x</id><title>Undated</title></entry></feed>",
                    name == "rss" ? "item 1 has neither a <guid> nor a <link>" : "entry 'urn:x' has neither <published> nor <updated>");

            case "mastodon":
                FakeMastodon mastodon = new FakeMastodon(endpoint).Publish("mastodon-notifications.json");
                harness.Server.Handler = mastodon.Handle;
                return new ConnectorCase(
                    harness,
                    harness.Create(new MentionSourceOptions { Kind = "Mastodon", Schedule = "*/5 * * * *", Endpoint = endpoint, AccessToken = FakeMastodon.Token }),
                    FakeMastodon.Path,
                    """[{"id":"1","type":"mention",""",
                    """[{"id":"34975870","type":"mention","created_at":"2025-06-02T08:00:00.000Z"}]""",
                    "[0].status is missing");

            case "bluesky-search" or "bluesky-notifications":
                FakeBluesky bluesky = new FakeBluesky().PublishPosts("bluesky-search-posts.json").PublishNotifications("bluesky-notifications.json");
                harness.Server.Handler = bluesky.Handle;
                bool search = name == "bluesky-search";
                return new ConnectorCase(
                    harness,
                    harness.Create(new MentionSourceOptions
                    {
                        Kind = "Bluesky",
                        Schedule = "*/5 * * * *",
                        Endpoint = endpoint,
                        Handle = FakeBluesky.AccountHandle,
                        AppPassword = FakeBluesky.AppPassword,
                        Query = search ? "acme" : null,
                    }),
                    search ? FakeBluesky.SearchPath : FakeBluesky.NotificationsPath,
                    """{"posts":[{"uri":""",
                    search
                        ? """{"posts":[{"uri":"at://did:plc:x/app.bsky.feed.post/3l","cid":"bafy","indexedAt":"2025-06-02T09:00:00.000Z","record":{"text":"hi"}}]}"""
                        : """{"notifications":{"uri":"at://did:plc:x/app.bsky.feed.post/3l"}}""",
                    search ? "posts[0].author is missing" : "notifications is an object, not an array");

            case "hackernews":
                FakeAlgolia algolia = new FakeAlgolia().Publish("hackernews-search.json");
                harness.Server.Handler = algolia.Handle;
                return new ConnectorCase(
                    harness,
                    harness.Create(new MentionSourceOptions { Kind = "HackerNews", Schedule = "0 * * * *", Endpoint = endpoint, Query = FakeAlgolia.Query }),
                    FakeAlgolia.Path,
                    """{"hits":[{"objectID":""",
                    """{"hits":[{"objectID":"44150001","author":"pg","created_at_i":"yesterday"}],"nbPages":1}""",
                    "hits[0].created_at_i is a string, not a whole number");

            case "x-mentions" or "x-search":
                FakeX x = new FakeX().Publish("x-mentions.json");
                harness.Server.Handler = x.Handle;
                bool mentions = name == "x-mentions";
                return new ConnectorCase(
                    harness,
                    harness.Create(new MentionSourceOptions
                    {
                        Kind = "X",
                        Schedule = "0 */2 * * *",
                        Endpoint = endpoint,
                        AccessToken = FakeX.Token,
                        UserId = mentions ? FakeX.UserId : null,
                        Query = mentions ? null : "acme -is:retweet",
                    }),
                    mentions ? FakeX.MentionsPath : FakeX.SearchPath,
                    """{"data":[{"id":"1929""",
                    """{"data":[{"id":"1929401000000000009","text":"hi","created_at":"2025-06-02T10:00:00.000Z"}],"meta":{"result_count":1}}""",
                    "data[0].author_id is missing or empty");

            default:
                await harness.DisposeAsync();
                throw new ArgumentOutOfRangeException(nameof(name), name, "No such connector case.");
        }
    }

    public ValueTask DisposeAsync() => Harness.DisposeAsync();
}
