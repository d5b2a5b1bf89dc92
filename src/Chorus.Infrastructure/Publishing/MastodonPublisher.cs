using System.Text.Json;
using System.Text.Json.Nodes;
using Chorus.Posts;
using Chorus.Posts.Publishing;

namespace Chorus.Infrastructure.Publishing;

/// <summary>
/// Mastodon: <c>POST /api/v1/statuses</c> with the request's key as <c>Idempotency-Key</c>, which the instance keeps
/// for an hour and answers a repeat with the status it already made; so this create is safe to send again, and the
/// HTTP pipeline does. A reply carries <c>in_reply_to_id</c>: the status's id on the account's own instance, looked up
/// with <c>/api/v2/search?resolve=true</c> when the mention was seen on another one.
/// </summary>
internal sealed class MastodonPublisher(PublishingHttp http) : INetworkPublisher
{
    private const string Network = "Mastodon";

    PublishingNetwork INetworkPublisher.Network => PublishingNetwork.Mastodon;

    public async Task<PublishedPost> PublishAsync(string name, PublishingAccountOptions account, PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(request);
        Uri instance = Base(account);
        string credentials = $"Publishing:Accounts:{name}:AccessToken";
        JsonObject body = new() { ["status"] = request.Text, ["visibility"] = "public" };
        if (request is { Kind: PostKind.Reply, InReplyTo: { } target })
        {
            body["in_reply_to_id"] = await LocalIdAsync(instance, account.AccessToken!, target, cancellationToken).ConfigureAwait(false);
        }

        using HttpRequestMessage post = PublishingHttp.Request(HttpMethod.Post, new Uri(instance, "api/v1/statuses"), account.AccessToken, body, repeatable: true);
        post.Headers.Add("Idempotency-Key", request.IdempotencyKey);
        NetworkResponse response = await http.SendAsync(Network, post, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw PublishingHttp.Failure(Network, response, credentials);
        }

        string id = response.String("id") ?? throw new PublishingException($"{Network} answered without the status's id.", permanent: false);
        string url = response.String("url") ?? response.String("uri") ?? new Uri(instance, $"statuses/{id}").ToString();
        return new PublishedPost(id, new Uri(url));
    }

    private static Uri Base(PublishingAccountOptions account)
    {
        Uri configured = account.EffectiveBaseUrl!;
        return configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/");
    }

    /// <summary>The id of the status being answered, as the account's instance knows it.</summary>
    private async Task<string> LocalIdAsync(Uri instance, string token, ReplyTarget target, CancellationToken cancellationToken)
    {
        if (target.Url is not { } url || string.Equals(url.Host, instance.Host, StringComparison.OrdinalIgnoreCase))
        {
            return target.SourceId;
        }

        Uri search = new(instance, $"api/v2/search?q={Uri.EscapeDataString(url.ToString())}&type=statuses&resolve=true&limit=1");
        using HttpRequestMessage request = PublishingHttp.Request(HttpMethod.Get, search, token);
        NetworkResponse response = await http.SendAsync(Network, request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw PublishingHttp.Failure(Network, response, $"the access token's scopes (read:search is needed to answer posts from other instances)");
        }

        if (response.Body.TryGetProperty("statuses", out JsonElement statuses) && statuses.ValueKind == JsonValueKind.Array
            && statuses.GetArrayLength() > 0 && statuses[0].TryGetProperty("id", out JsonElement id) && id.GetString() is { } local)
        {
            return local;
        }

        throw new PublishingException($"{Network} at {instance.Host} could not find the post this reply answers ({url}).", permanent: true);
    }
}
