using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Chorus.Mentions;

namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// X (API v2): mentions of the account <c>UserId</c>, or the last week's posts matching <c>Query</c>. Both page newest
/// first with <c>pagination_token</c>; <c>since_id</c> keeps them to what is new. Cursor: the newest handed-over post
/// id. Every post returned is billed, so each is counted against a <see cref="MonthlyReadBudget"/>.
/// </summary>
/// <remarks>
/// A retweet's own text is <c>RT @author: </c> and the start of the original, cut short, and it is credited to
/// whoever retweeted. The mention is the original instead (expanded into <c>includes.tweets</c>, its
/// author into <c>includes.users</c>): its id, whole text, author and reach, time and address. So twenty retweets of
/// one complaint are one mention, in one poll or across polls, since the mention's id derives from the original's id
/// and day; the retweet's own id still orders the page and moves the cursor. A quote is the quoter's own post and
/// stays so. A retweet whose original X did not expand (deleted, or protected) is kept as it came.
/// </remarks>
internal sealed class XMentionSource(
    string name,
    Uri api,
    string bearerToken,
    string? userId,
    string? query,
    int maxItemsPerPoll,
    MonthlyReadBudget budget,
    SourceHttp http) : IMentionSource
{
    private const int PageSize = 100;

    public string Name => name;

    private string Credentials => $"Mentions:Sources:{name}:AccessToken (the app's bearer token, with access to this endpoint)";

    public async Task<MentionBatch> PollAsync(string? cursor, CancellationToken cancellationToken = default)
    {
        if (cursor is not null && (cursor.Length == 0 || !cursor.All(char.IsAsciiDigit)))
        {
            throw new MentionSourceException(name, $"the cursor '{cursor}' is not a post id; clear it to start again from the newest posts.");
        }

        MentionCollector<SnowflakeId> collector = new(cursor is null ? null : new SnowflakeId(cursor), id => id.Value);
        HashSet<string> tokens = new(StringComparer.Ordinal);
        string? token = null;
        while (true)
        {
            long remaining = budget.Remaining;
            if (remaining <= 0)
            {
                ReadBudgetUsage usage = budget.Usage;
                throw new MentionSourceException(
                    name,
                    $"the monthly read budget of {budget.Limit} posts for {usage.Year:D4}-{usage.Month:D2} is used up (Mentions:Sources:{name}:MonthlyReadBudget).",
                    budget.UntilNextMonth());
            }

            using HttpRequestMessage request = new(HttpMethod.Get, PageUri(cursor, token, remaining));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await http.EnsureSuccessAsync(response, Credentials, cancellationToken).ConfigureAwait(false);
            using JsonDocument body = await http.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            (int received, string? next) = http.Read(request, body, root => ReadPage(root, collector));
            budget.Record(received);

            if (received == 0 || next is null || !tokens.Add(next) || (collector.IsFirstPoll && collector.Count >= maxItemsPerPoll))
            {
                break;
            }

            token = next;
        }

        return collector.ToBatch(cursor, maxItemsPerPoll, complete: true, keysMayTie: false);
    }

    private Uri PageUri(string? sinceId, string? token, long remaining)
    {
        // Both endpoints refuse a page smaller than their minimum, so the budget may be overrun by at most that.
        int minimum = query is null ? 5 : 10;
        int size = (int)Math.Clamp(remaining, minimum, PageSize);
        StringBuilder uri = new(query is null
            ? $"2/users/{Uri.EscapeDataString(userId!)}/mentions?"
            : $"2/tweets/search/recent?query={Uri.EscapeDataString(query)}&");
        uri.Append(CultureInfo.InvariantCulture, $"max_results={size}")
            .Append("&tweet.fields=created_at,lang,author_id,public_metrics,referenced_tweets,note_tweet")
            .Append("&expansions=author_id,referenced_tweets.id,referenced_tweets.id.author_id&user.fields=username,name,public_metrics");
        if (sinceId is not null)
        {
            uri.Append("&since_id=").Append(sinceId);
        }

        if (token is not null)
        {
            uri.Append("&pagination_token=").Append(Uri.EscapeDataString(token));
        }

        return new Uri(api, uri.ToString());
    }

    private (int Received, string? Next) ReadPage(JsonElement root, MentionCollector<SnowflakeId> collector)
    {
        JsonElement meta = JsonFields.Object(root, "meta", string.Empty);
        JsonElement? includes = JsonFields.OptionalObject(root, "includes", string.Empty);
        Dictionary<string, JsonElement> users = Included(includes, "users");
        Dictionary<string, JsonElement> tweets = Included(includes, "tweets");

        int index = 0;
        if (root.TryGetProperty("data", out JsonElement data) && data.ValueKind != JsonValueKind.Null)
        {
            foreach (JsonElement post in JsonFields.Array(root, "data", string.Empty))
            {
                string path = JsonFields.Item("data", index++);
                collector.Add(ToMention(post, path, users, tweets), new SnowflakeId(PostId(post, path)));
            }
        }
        else if (JsonFields.OptionalInt64(meta, "result_count", "meta") is not 0)
        {
            throw new FormatException($"there is no data, yet meta.result_count is not 0{Errors(root)}");
        }

        return (index, JsonFields.OptionalString(meta, "next_token", "meta"));
    }

    /// <summary>Indexes an <c>includes</c> list (users or tweets) by id.</summary>
    private static Dictionary<string, JsonElement> Included(JsonElement? includes, string list)
    {
        Dictionary<string, JsonElement> byId = new(StringComparer.Ordinal);
        if (includes is { } present && present.TryGetProperty(list, out JsonElement items) && items.ValueKind != JsonValueKind.Null)
        {
            int index = 0;
            foreach (JsonElement item in JsonFields.Array(present, list, "includes"))
            {
                byId[JsonFields.String(item, "id", JsonFields.Item($"includes.{list}", index++))] = item;
            }
        }

        return byId;
    }

    private static string PostId(JsonElement post, string path)
    {
        string id = JsonFields.String(post, "id", path);
        return id.All(char.IsAsciiDigit) ? id : throw new FormatException($"{path}.id is not a post id (got '{id}')");
    }

    /// <summary>Quotes the first of the <c>errors</c> X sends beside (or instead of) data, if any.</summary>
    private static string Errors(JsonElement root)
    {
        if (!root.TryGetProperty("errors", out JsonElement errors) || errors.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        JsonElement first = errors.EnumerateArray().FirstOrDefault();
        string? detail = first.ValueKind == JsonValueKind.Object
            ? JsonFields.OptionalString(first, "detail", "errors[0]") ?? JsonFields.OptionalString(first, "title", "errors[0]")
            : null;
        return detail is null ? string.Empty : $" (X says: {detail})";
    }

    private Mention ToMention(JsonElement post, string path, Dictionary<string, JsonElement> users, Dictionary<string, JsonElement> tweets)
    {
        (JsonElement subject, string subjectPath) = Retweeted(post, path, tweets) ?? (post, path);
        string id = PostId(subject, subjectPath);
        string authorId = JsonFields.String(subject, "author_id", subjectPath);
        string? username = null, displayName = null;
        long? followers = null;
        if (users.TryGetValue(authorId, out JsonElement user))
        {
            string userPath = $"includes.users[id={authorId}]";
            username = JsonFields.OptionalString(user, "username", userPath);
            displayName = JsonFields.OptionalString(user, "name", userPath);
            followers = JsonFields.OptionalObject(user, "public_metrics", userPath) is { } metrics
                ? JsonFields.OptionalInt64(metrics, "followers_count", userPath + ".public_metrics")
                : null;
        }

        // X escapes &, < and > in post text even though it is not HTML. A post longer than 280 characters is cut in
        // text and whole in note_tweet.
        string? whole = JsonFields.OptionalObject(subject, "note_tweet", subjectPath) is { } note
            ? JsonFields.OptionalString(note, "text", JsonFields.Join(subjectPath, "note_tweet"))
            : null;
        string text = WebUtility.HtmlDecode(whole ?? JsonFields.OptionalString(subject, "text", subjectPath) ?? string.Empty);
        string? language = JsonFields.OptionalString(subject, "lang", subjectPath);
        return new Mention(
            name,
            id,
            new Uri(username is null ? $"https://x.com/i/web/status/{id}" : $"https://x.com/{Uri.EscapeDataString(username)}/status/{id}"),
            username ?? authorId,
            string.IsNullOrWhiteSpace(displayName) ? null : displayName,
            followers,
            text,

            // X marks "no language" with its own codes, and still sends the withdrawn ISO 639 codes Java kept (in, iw, ji).
            language switch
            {
                null or "und" or "zxx" or "qme" or "qht" or "qst" => null,
                "in" => "id",
                "iw" => "he",
                "ji" => "yi",
                _ => language,
            },
            JsonFields.Time(subject, "created_at", subjectPath),
            subject.GetRawText());
    }

    /// <summary>The original of a retweet, as expanded into <c>includes.tweets</c>; null for any other post.</summary>
    private static (JsonElement Tweet, string Path)? Retweeted(JsonElement post, string path, Dictionary<string, JsonElement> tweets)
    {
        if (!post.TryGetProperty("referenced_tweets", out JsonElement references) || references.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        string referencesPath = JsonFields.Join(path, "referenced_tweets");
        int index = 0;
        foreach (JsonElement reference in JsonFields.Array(post, "referenced_tweets", path))
        {
            string referencePath = JsonFields.Item(referencesPath, index++);
            string id = JsonFields.String(reference, "id", referencePath);
            if (JsonFields.String(reference, "type", referencePath) == "retweeted" && tweets.TryGetValue(id, out JsonElement original))
            {
                return (original, $"includes.tweets[id={id}]");
            }
        }

        return null;
    }
}
