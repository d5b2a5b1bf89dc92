using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chorus.Mentions;
using Microsoft.Extensions.Logging;

namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// Bluesky, through a session opened with an app password: posts matching <c>Query</c> (<c>searchPosts</c>), or
/// else the account's <c>mention</c> notifications. Both page newest first with an opaque <c>cursor</c>. Cursor: the
/// newest handed-over <c>indexedAt</c>, the time the AppView saw the post (ISO 8601, UTC).
/// </summary>
/// <remarks>
/// The authors in both lists are basic profile views, without a followers count, so each batch's authors are looked up
/// with <c>app.bsky.actor.getProfiles</c> (25 a call) for their reach, through <paramref name="reach"/>. A lookup that
/// fails costs only the reach: the mentions come through without it, and the failure is logged.
/// </remarks>
internal sealed partial class BlueskyMentionSource(
    string name,
    Uri service,
    string handle,
    string appPassword,
    string? query,
    int maxItemsPerPoll,
    SourceHttp http,
    BlueskyReachCache reach,
    ILogger<BlueskyMentionSource> logger) : IMentionSource
{
    private const int PageSize = 100;

    /// <summary>The most actors <c>getProfiles</c> takes at once.</summary>
    internal const int ProfilesPerCall = 25;

    /// <summary>
    /// How far before the cursor a search reaches back. Search filters <c>since</c> on a post's <c>createdAt</c> (when
    /// that is earlier than <c>indexedAt</c>), which the poster's device sets: a post made before the last poll but
    /// indexed after it would otherwise fall before <c>since</c> and never be seen. What comes back from the overlap
    /// is dropped by its <c>indexedAt</c>.
    /// </summary>
    internal static readonly TimeSpan SearchLookback = TimeSpan.FromMinutes(10);

    private string? _accessJwt;

    public string Name => name;

    private string Credentials => $"Mentions:Sources:{name}:Handle and Mentions:Sources:{name}:AppPassword";

    public async Task<MentionBatch> PollAsync(string? cursor, CancellationToken cancellationToken = default)
    {
        DateTimeOffset? after = null;
        if (cursor is not null)
        {
            after = DateTimeOffset.TryParse(cursor, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time)
                ? time
                : throw new MentionSourceException(name, $"the cursor '{cursor}' is not an ISO 8601 time; clear it to start again from the newest posts.");
        }

        MentionCollector<DateTimeOffset> collector = new(after, FormatCursor);
        Dictionary<string, string> authors = new(StringComparer.Ordinal);
        HashSet<string> pageCursors = new(StringComparer.Ordinal);
        string? pageCursor = null;
        while (true)
        {
            Uri page = query is null ? NotificationsPage(pageCursor) : SearchPage(pageCursor, after);
            using JsonDocument body = await GetAsync(page, cancellationToken).ConfigureAwait(false);
            (int received, bool reachedCursor, string? next) = http.Read(SourceHttp.Describe(HttpMethod.Get, page), body, root => ReadPage(root, collector, authors));
            bool capped = collector.IsFirstPoll && collector.Count >= maxItemsPerPoll;
            if (received == 0 || reachedCursor || capped || next is null || !pageCursors.Add(next))
            {
                break;
            }

            pageCursor = next;
        }

        MentionBatch batch = collector.ToBatch(cursor, maxItemsPerPoll, complete: true, keysMayTie: true);
        return batch with { Mentions = await WithReachAsync(batch.Mentions, authors, cancellationToken).ConfigureAwait(false) };
    }

    private static string FormatCursor(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private Uri SearchPage(string? pageCursor, DateTimeOffset? after)
    {
        StringBuilder uri = new($"xrpc/app.bsky.feed.searchPosts?q={Uri.EscapeDataString(query!)}&sort=latest&limit={PageSize}");
        if (after is { } time)
        {
            uri.Append(CultureInfo.InvariantCulture, $"&since={Uri.EscapeDataString((time - SearchLookback).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))}");
        }

        if (pageCursor is not null)
        {
            uri.Append(CultureInfo.InvariantCulture, $"&cursor={Uri.EscapeDataString(pageCursor)}");
        }

        return new Uri(service, uri.ToString());
    }

    private Uri NotificationsPage(string? pageCursor) => new(
        service,
        $"xrpc/app.bsky.notification.listNotifications?reasons=mention&limit={PageSize}" + (pageCursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(pageCursor)}"));

    /// <summary>Reads one page into the collector; notifications (newest first) end paging once one reaches the cursor.</summary>
    private (int Received, bool ReachedCursor, string? Next) ReadPage(JsonElement root, MentionCollector<DateTimeOffset> collector, Dictionary<string, string> authors)
    {
        string list = query is null ? "notifications" : "posts";
        int index = 0;
        bool reachedCursor = false;
        foreach (JsonElement item in JsonFields.Array(root, list, string.Empty))
        {
            string path = JsonFields.Item(list, index++);

            // Servers that predate the reasons filter return every kind of notification.
            if (query is null && JsonFields.String(item, "reason", path) != "mention")
            {
                continue;
            }

            DateTimeOffset indexedAt = JsonFields.Time(item, "indexedAt", path);
            (Mention mention, string did) = ToMention(item, path, indexedAt);
            authors.TryAdd(mention.SourceId, did);
            reachedCursor |= collector.Add(mention, indexedAt) == Admission.AtOrBeforeCursor && query is null;
        }

        return (index, reachedCursor, JsonFields.OptionalString(root, "cursor", string.Empty));
    }

    private (Mention Mention, string AuthorDid) ToMention(JsonElement item, string path, DateTimeOffset indexedAt)
    {
        string uri = JsonFields.String(item, "uri", path);
        string authorPath = JsonFields.Join(path, "author");
        JsonElement author = JsonFields.Object(item, "author", path);
        string recordPath = JsonFields.Join(path, "record");
        JsonElement record = JsonFields.Object(item, "record", path);
        string did = JsonFields.String(author, "did", authorPath);
        string authorHandle = JsonFields.OptionalString(author, "handle", authorPath) is { Length: > 0 } known && known != "handle.invalid" ? known : did;
        string? displayName = JsonFields.OptionalString(author, "displayName", authorPath);

        // createdAt is set by the poster's device and may be anything; indexedAt stands in when it does not parse.
        DateTimeOffset createdAt = DateTimeOffset.TryParse(
            JsonFields.OptionalString(record, "createdAt", recordPath), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset created)
            ? created
            : indexedAt;
        Mention mention = new(
            name,
            uri,
            PostUrl(uri, authorHandle),
            authorHandle,
            string.IsNullOrWhiteSpace(displayName) ? null : displayName,
            JsonFields.OptionalInt64(author, "followersCount", authorPath),
            JsonFields.OptionalString(record, "text", recordPath) ?? string.Empty,
            Language(record, recordPath),
            createdAt,
            item.GetRawText());
        return (mention, did);
    }

    /// <summary>
    /// Fills in the reach of mentions whose author's followers count the list left out: from the cache, else from
    /// <c>getProfiles</c>, whose answers are cached, including the accounts it did not return (gone or hidden).
    /// </summary>
    private async Task<IReadOnlyList<Mention>> WithReachAsync(IReadOnlyList<Mention> mentions, Dictionary<string, string> authors, CancellationToken cancellationToken)
    {
        Dictionary<string, long?> known = new(StringComparer.Ordinal);
        List<string> unknown = [];
        foreach (string did in mentions.Where(mention => mention.AuthorReach is null).Select(mention => authors[mention.SourceId]).Distinct(StringComparer.Ordinal))
        {
            if (reach.TryGet(did, out long? followers))
            {
                known[did] = followers;
            }
            else
            {
                unknown.Add(did);
            }
        }

        try
        {
            foreach (string[] chunk in unknown.Chunk(ProfilesPerCall))
            {
                Dictionary<string, long?> found = await GetProfilesAsync(chunk, cancellationToken).ConfigureAwait(false);
                foreach (string did in chunk)
                {
                    known[did] = found.GetValueOrDefault(did);
                    reach.Remember(did, known[did]);
                }
            }
        }
        catch (MentionSourceException ex)
        {
            LogReachFailed(logger, ex, name, unknown.Count);
        }

        return [.. mentions.Select(mention =>
            mention.AuthorReach is null && known.GetValueOrDefault(authors[mention.SourceId]) is { } followers ? mention with { AuthorReach = followers } : mention)];
    }

    /// <summary>Reads the followers counts of up to <see cref="ProfilesPerCall"/> accounts, by DID.</summary>
    private async Task<Dictionary<string, long?>> GetProfilesAsync(string[] dids, CancellationToken cancellationToken)
    {
        Uri uri = new(service, "xrpc/app.bsky.actor.getProfiles?" + string.Join('&', dids.Select(did => $"actors={Uri.EscapeDataString(did)}")));
        using JsonDocument body = await GetAsync(uri, cancellationToken).ConfigureAwait(false);
        return http.Read(SourceHttp.Describe(HttpMethod.Get, uri), body, root =>
        {
            Dictionary<string, long?> found = new(StringComparer.Ordinal);
            int index = 0;
            foreach (JsonElement profile in JsonFields.Array(root, "profiles", string.Empty))
            {
                string path = JsonFields.Item("profiles", index++);
                found[JsonFields.String(profile, "did", path)] = JsonFields.OptionalInt64(profile, "followersCount", path);
            }

            return found;
        });
    }

    private static string? Language(JsonElement record, string recordPath)
    {
        if (!record.TryGetProperty("langs", out JsonElement langs) || langs.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return langs.ValueKind == JsonValueKind.Array
            ? langs.EnumerateArray().Select(lang => lang.ValueKind == JsonValueKind.String ? lang.GetString() : null).FirstOrDefault(lang => !string.IsNullOrWhiteSpace(lang))
            : throw new FormatException($"{JsonFields.Join(recordPath, "langs")} is not an array");
    }

    /// <summary>
    /// Builds the web address of a post from its <c>at://{did}/app.bsky.feed.post/{rkey}</c> URI. Handles, DIDs and
    /// record keys are limited to URL-safe characters, and bsky.app expects a DID's colons as they are.
    /// </summary>
    private static Uri? PostUrl(string atUri, string authorHandle)
    {
        string[] parts = atUri.StartsWith("at://", StringComparison.Ordinal) ? atUri[5..].Split('/') : [];
        return parts is [_, "app.bsky.feed.post", { Length: > 0 } rkey]
            ? new Uri($"https://bsky.app/profile/{authorHandle}/post/{rkey}")
            : null;
    }

    /// <summary>GETs with the session's token, opening a session first if there is none and once more if the token has expired.</summary>
    private async Task<JsonDocument> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        bool fresh = false;
        if (_accessJwt is null)
        {
            await CreateSessionAsync(cancellationToken).ConfigureAwait(false);
            fresh = true;
        }

        while (true)
        {
            using HttpRequestMessage request = new(HttpMethod.Get, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _accessJwt);
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!fresh && await IsExpiredSessionAsync(response, cancellationToken).ConfigureAwait(false))
            {
                // Access tokens live for hours, the connector for as long as the host: the session is opened anew once.
                _accessJwt = null;
                await CreateSessionAsync(cancellationToken).ConfigureAwait(false);
                fresh = true;
                continue;
            }

            await http.EnsureSuccessAsync(response, Credentials, cancellationToken).ConfigureAwait(false);
            return await http.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>An expired token is a 401, or the 400 <c>ExpiredToken</c> / <c>InvalidToken</c> the PDS sends.</summary>
    private static async Task<bool> IsExpiredSessionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return true;
        }

        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return false;
        }

        try
        {
            using JsonDocument error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return error.RootElement.ValueKind == JsonValueKind.Object
                && error.RootElement.TryGetProperty("error", out JsonElement code)
                && code.ValueKind == JsonValueKind.String
                && code.GetString() is "ExpiredToken" or "InvalidToken";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task CreateSessionAsync(CancellationToken cancellationToken)
    {
        string credentials = new JsonObject { ["identifier"] = handle, ["password"] = appPassword }.ToJsonString();
        using HttpRequestMessage request = new(HttpMethod.Post, new Uri(service, "xrpc/com.atproto.server.createSession"))
        {
            Content = new StringContent(credentials, Encoding.UTF8, "application/json"),
        };
        using JsonDocument session = await http.GetJsonAsync(request, Credentials, cancellationToken).ConfigureAwait(false);
        _accessJwt = http.Read(request, session, root => JsonFields.String(root, "accessJwt", string.Empty));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mention source {Source}: looking up the followers of {Authors} authors failed; their mentions come through without reach.")]
    private static partial void LogReachFailed(ILogger logger, Exception exception, string source, int authors);
}
