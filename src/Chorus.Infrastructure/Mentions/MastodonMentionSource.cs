using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chorus.Mentions;

namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// Mentions of a Mastodon account: its <c>mention</c> notifications. Cursor: the newest handed-over notification id.
/// With a cursor, <c>min_id</c> returns the page just newer than it and each page's <c>Link rel="prev"</c> the page
/// after that, so pages arrive oldest first; without one, <c>rel="next"</c> walks back from the newest.
/// </summary>
internal sealed partial class MastodonMentionSource(string name, Uri instance, string accessToken, int maxItemsPerPoll, SourceHttp http) : IMentionSource
{
    private const int PageSize = 40;

    public string Name => name;

    public async Task<MentionBatch> PollAsync(string? cursor, CancellationToken cancellationToken = default)
    {
        MentionCollector<SnowflakeId> collector = new(cursor is null ? null : new SnowflakeId(cursor), id => id.Value);
        string query = $"api/v1/notifications?types[]=mention&limit={PageSize}" + (cursor is null ? string.Empty : $"&min_id={Uri.EscapeDataString(cursor)}");
        Uri? page = new(instance, query);
        HashSet<string> visited = new(StringComparer.Ordinal);
        bool complete = true;
        while (page is not null && visited.Add(page.AbsoluteUri))
        {
            (int received, Uri? newer, Uri? older) = await ReadPageAsync(page, collector, cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                break;
            }

            if (collector.Count >= maxItemsPerPoll)
            {
                complete = false;
                break;
            }

            page = collector.IsFirstPoll ? older : newer;
        }

        return collector.ToBatch(cursor, maxItemsPerPoll, complete, keysMayTie: false);
    }

    private async Task<(int Received, Uri? Newer, Uri? Older)> ReadPageAsync(Uri page, MentionCollector<SnowflakeId> collector, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = new(HttpMethod.Get, page);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await http.EnsureSuccessAsync(response, $"Mentions:Sources:{name}:AccessToken (it needs the read:notifications scope)", cancellationToken).ConfigureAwait(false);
        using JsonDocument body = await http.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);

        int received = http.Read(request, body, root =>
        {
            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("the body is not an array of notifications");
            }

            int index = 0;
            foreach (JsonElement notification in root.EnumerateArray())
            {
                string path = JsonFields.Item(string.Empty, index++);
                string id = JsonFields.String(notification, "id", path);

                // Servers that predate types[] return every kind of notification.
                if (JsonFields.String(notification, "type", path) == "mention")
                {
                    collector.Add(ToMention(notification, path), new SnowflakeId(id));
                }
            }

            return index;
        });

        (Uri? newer, Uri? older) = Links(request, response);
        return (received, newer, older);
    }

    private Mention ToMention(JsonElement notification, string path)
    {
        string statusPath = JsonFields.Join(path, "status");
        JsonElement status = JsonFields.Object(notification, "status", path);
        JsonElement account = JsonFields.Object(status, "account", statusPath);
        string accountPath = JsonFields.Join(statusPath, "account");

        string? url = JsonFields.OptionalString(status, "url", statusPath) ?? JsonFields.OptionalString(status, "uri", statusPath);
        string content = HtmlText.ToPlainText(JsonFields.OptionalString(status, "content", statusPath));
        string? warning = JsonFields.OptionalString(status, "spoiler_text", statusPath);

        // A content warning is part of what was said, and often the gist of it.
        string text = MentionText.Compose(HtmlText.Tidy(warning ?? string.Empty), content);
        string? displayName = JsonFields.OptionalString(account, "display_name", accountPath);
        return new Mention(
            name,
            JsonFields.String(status, "id", statusPath),
            Uri.TryCreate(url, UriKind.Absolute, out Uri? link) ? link : null,
            JsonFields.String(account, "acct", accountPath),
            string.IsNullOrWhiteSpace(displayName) ? null : displayName,
            JsonFields.OptionalInt64(account, "followers_count", accountPath),
            text,
            JsonFields.OptionalString(status, "language", statusPath),
            JsonFields.Time(status, "created_at", statusPath),
            notification.GetRawText());
    }

    /// <summary>Reads the <c>Link</c> header's <c>prev</c> (newer) and <c>next</c> (older) pages.</summary>
    private (Uri? Newer, Uri? Older) Links(HttpRequestMessage request, HttpResponseMessage response)
    {
        Uri? newer = null, older = null;
        if (!response.Headers.TryGetValues("Link", out IEnumerable<string>? values))
        {
            return (newer, older);
        }

        foreach (Match link in LinkValue().Matches(string.Join(',', values)))
        {
            if (!Uri.TryCreate(instance, link.Groups["href"].Value, out Uri? target))
            {
                throw http.Malformed(request, $"the Link header holds '{link.Groups["href"].Value}', which is not a URL");
            }

            // The access token goes with every page, so a page elsewhere is never followed.
            if (Uri.Compare(target, instance, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                throw http.Malformed(request, $"the Link header points away from the instance ({target.GetLeftPart(UriPartial.Authority)})");
            }

            switch (link.Groups["rel"].Value)
            {
                case "prev":
                    newer = target;
                    break;
                case "next":
                    older = target;
                    break;
            }
        }

        return (newer, older);
    }

    [GeneratedRegex("""<(?<href>[^>]*)>\s*;\s*rel="?(?<rel>[a-z]+)"?""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkValue();
}
