using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chorus.Posts;
using Chorus.Posts.Publishing;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Publishing;

/// <summary>
/// X: <c>POST /2/tweets</c>, with <c>reply.in_reply_to_tweet_id</c> for a reply. X has no idempotency key, so after an
/// attempt whose fate is unknown the account's own recent posts (<c>GET /2/users/{id}/tweets</c>, since the key was
/// kept) are searched for the same text before the post is sent again (<see cref="CreateOnce"/>).
/// </summary>
internal sealed class XPublisher(PublishingHttp http, IOptionsMonitor<PublishingOptions> options, TimeProvider time) : INetworkPublisher
{
    private const string Network = "X";

    /// <summary>How far before the key's time a search for an earlier attempt's post starts: the clocks of Chorus and X differ a little.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, string> _userIds = new(StringComparer.OrdinalIgnoreCase);

    PublishingNetwork INetworkPublisher.Network => PublishingNetwork.X;

    public Task<PublishedPost> PublishAsync(string name, PublishingAccountOptions account, PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(request);
        Uri api = Base(account);
        string credentials = $"Publishing:Accounts:{name}:AccessToken";
        return CreateOnce.RunAsync(
            token => FindAsync(name, account, api, request, token),
            async token =>
            {
                JsonObject body = new() { ["text"] = request.Text };
                if (request is { Kind: PostKind.Reply, InReplyTo: { } target })
                {
                    body["reply"] = new JsonObject { ["in_reply_to_tweet_id"] = target.SourceId };
                }

                using HttpRequestMessage post = PublishingHttp.Request(HttpMethod.Post, new Uri(api, "2/tweets"), account.AccessToken, body);
                NetworkResponse response = await http.SendAsync(Network, post, token).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    throw PublishingHttp.Failure(Network, response, credentials);
                }

                string id = response.Body.TryGetProperty("data", out JsonElement data) && data.TryGetProperty("id", out JsonElement value) && value.GetString() is { } text
                    ? text
                    : throw new PublishingException($"{Network} answered without the post's id.", permanent: false) { Ambiguous = true };
                return Published(id);
            },
            request.MayExist,
            options.CurrentValue,
            time,
            cancellationToken);
    }

    /// <summary>
    /// Compares a post as X returns it with the text sent: X gives links back as t.co addresses (the original is in
    /// <c>entities.urls[].expanded_url</c>) and escapes <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c>.
    /// </summary>
    internal static bool SameText(JsonElement tweet, string sent)
    {
        string text = tweet.TryGetProperty("text", out JsonElement value) ? value.GetString() ?? string.Empty : string.Empty;
        if (tweet.TryGetProperty("entities", out JsonElement entities) && entities.TryGetProperty("urls", out JsonElement urls) && urls.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement url in urls.EnumerateArray())
            {
                if (url.TryGetProperty("url", out JsonElement shortened) && shortened.GetString() is { Length: > 0 } from
                    && url.TryGetProperty("expanded_url", out JsonElement expanded) && expanded.GetString() is { } to)
                {
                    text = text.Replace(from, to, StringComparison.Ordinal);
                }
            }
        }

        return string.Equals(Normalize(WebUtility.HtmlDecode(text)), Normalize(sent), StringComparison.Ordinal);
    }

    private static string Normalize(string text) => text.Trim().Normalize(System.Text.NormalizationForm.FormC).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static PublishedPost Published(string id) => new(id, new Uri($"https://x.com/i/web/status/{id}"));

    private static Uri Base(PublishingAccountOptions account)
    {
        Uri configured = account.EffectiveBaseUrl!;
        return configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/");
    }

    /// <summary>The account's post with the request's text, made since the key was kept; null when there is none.</summary>
    private async Task<PublishedPost?> FindAsync(string name, PublishingAccountOptions account, Uri api, PublishRequest request, CancellationToken cancellationToken)
    {
        string credentials = $"Publishing:Accounts:{name}:AccessToken";
        if (!_userIds.TryGetValue(name, out string? userId))
        {
            using HttpRequestMessage me = PublishingHttp.Request(HttpMethod.Get, new Uri(api, "2/users/me"), account.AccessToken);
            NetworkResponse who = await http.SendAsync(Network, me, cancellationToken).ConfigureAwait(false);
            if (!who.IsSuccess)
            {
                throw PublishingHttp.Failure(Network, who, credentials);
            }

            userId = who.Body.TryGetProperty("data", out JsonElement data) && data.TryGetProperty("id", out JsonElement id) && id.GetString() is { } found
                ? found
                : throw new PublishingException($"{Network} answered /2/users/me without the account's id.", permanent: false);
            _userIds[name] = userId;
        }

        string since = (request.KeyRecordedAt - ClockSkew).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        Uri recent = new(api, $"2/users/{userId}/tweets?max_results=100&start_time={since}&tweet.fields=created_at,entities");
        using HttpRequestMessage list = PublishingHttp.Request(HttpMethod.Get, recent, account.AccessToken);
        NetworkResponse response = await http.SendAsync(Network, list, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw PublishingHttp.Failure(Network, response, credentials);
        }

        if (response.Body.TryGetProperty("data", out JsonElement tweets) && tweets.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement tweet in tweets.EnumerateArray())
            {
                if (SameText(tweet, request.Text) && tweet.TryGetProperty("id", out JsonElement id) && id.GetString() is { } existing)
                {
                    return Published(existing);
                }
            }
        }

        return null;
    }
}
