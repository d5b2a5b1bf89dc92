using System.Globalization;
using System.Text.Json;
using Chorus.Mentions;

namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// Hacker News stories and comments matching <c>Query</c>, through Algolia's <c>search_by_date</c>, which pages
/// newest first by page number. Cursor: the newest handed-over <c>created_at_i</c> (epoch seconds), passed back as
/// <c>numericFilters=created_at_i&gt;{cursor}</c>.
/// </summary>
internal sealed class HackerNewsMentionSource(string name, Uri algolia, string query, int maxItemsPerPoll, SourceHttp http) : IMentionSource
{
    private const int PageSize = 100;

    public string Name => name;

    public async Task<MentionBatch> PollAsync(string? cursor, CancellationToken cancellationToken = default)
    {
        long? after = null;
        if (cursor is not null)
        {
            after = long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
                ? seconds
                : throw new MentionSourceException(name, $"the cursor '{cursor}' is not a created_at_i (epoch seconds); clear it to start again from the newest items.");
        }

        MentionCollector<long> collector = new(after, seconds => seconds.ToString(CultureInfo.InvariantCulture));
        for (int page = 0; ; page++)
        {
            string filter = after is { } since ? $"&numericFilters={Uri.EscapeDataString($"created_at_i>{since.ToString(CultureInfo.InvariantCulture)}")}" : string.Empty;
            using HttpRequestMessage request = new(
                HttpMethod.Get,
                new Uri(algolia, $"api/v1/search_by_date?query={Uri.EscapeDataString(query)}&tags=(story,comment){filter}&hitsPerPage={PageSize}&page={page}"));
            using JsonDocument body = await http.GetJsonAsync(request, "the Algolia endpoint", cancellationToken).ConfigureAwait(false);
            (int received, long pages) = http.Read(request, body, root => ReadPage(root, collector));

            // Algolia stops at nbPages (and at 1,000 hits however many match): past it, pages are empty.
            if (received == 0 || page + 1 >= pages || (collector.IsFirstPoll && collector.Count >= maxItemsPerPoll))
            {
                break;
            }
        }

        return collector.ToBatch(cursor, maxItemsPerPoll, complete: true, keysMayTie: true);
    }

    private (int Received, long Pages) ReadPage(JsonElement root, MentionCollector<long> collector)
    {
        int index = 0;
        foreach (JsonElement hit in JsonFields.Array(root, "hits", string.Empty))
        {
            string path = JsonFields.Item("hits", index++);
            long created = JsonFields.Int64(hit, "created_at_i", path);
            if (created < 0 || created > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                throw new FormatException($"{path}.created_at_i is not an epoch second (got {created})");
            }

            collector.Add(ToMention(hit, path, created), created);
        }

        return (index, JsonFields.Int64(root, "nbPages", string.Empty));
    }

    private Mention ToMention(JsonElement hit, string path, long created)
    {
        string id = JsonFields.String(hit, "objectID", path);
        string title = HtmlText.Tidy(JsonFields.OptionalString(hit, "title", path) ?? string.Empty);
        string body = HtmlText.ToPlainText(JsonFields.OptionalString(hit, "story_text", path) ?? JsonFields.OptionalString(hit, "comment_text", path));
        string text = MentionText.Compose(title, body);
        return new Mention(
            name,
            id,
            new Uri($"https://news.ycombinator.com/item?id={Uri.EscapeDataString(id)}"),
            JsonFields.String(hit, "author", path),
            AuthorName: null,
            AuthorReach: null,
            text,
            Language: null,
            DateTimeOffset.FromUnixTimeSeconds(created),
            hit.GetRawText());
    }
}
