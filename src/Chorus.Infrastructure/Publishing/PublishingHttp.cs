using System.Net.Http.Headers;
using System.Text.Json;
using Chorus.Infrastructure.Mentions;
using Chorus.Posts.Publishing;
using Polly.Timeout;

namespace Chorus.Infrastructure.Publishing;

/// <summary>
/// Calls a network's API through the publishers' named client and its resilience pipeline
/// (<see cref="PublishingResilience"/>), and turns every way a call can fail into a <see cref="PublishingException"/>
/// that says whether trying again can help and whether the network may have taken the post anyway.
/// </summary>
internal sealed class PublishingHttp(IHttpClientFactory clients, TimeProvider time)
{
    /// <summary>The name of the publishers' client in <see cref="IHttpClientFactory"/>.</summary>
    internal const string ClientName = "Chorus.Publishing";

    /// <summary>
    /// Marks a request that may be sent again after a server error or a timeout without risk of a second post: reads,
    /// and creates the network itself deduplicates (Mastodon's <c>Idempotency-Key</c>). Any request is retried on 429.
    /// </summary>
    internal static readonly HttpRequestOptionsKey<bool> Repeatable = new("Chorus.Publishing.Repeatable");

    private const int MessageLength = 300;
    private static readonly ProductInfoHeaderValue Product = new("Chorus", "1.0");

    /// <summary>Builds a request with a JSON body (or none) and a bearer token (or none).</summary>
    public static HttpRequestMessage Request(HttpMethod method, Uri uri, string? token, object? body = null, bool repeatable = false)
    {
        HttpRequestMessage request = new(method, uri);
        request.Headers.UserAgent.Add(Product);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent(body);
        }

        request.Options.Set(Repeatable, repeatable || method == HttpMethod.Get);
        return request;
    }

    /// <summary>Sends a request; a call that got no answer throws an ambiguous, passing <see cref="PublishingException"/>.</summary>
    public async Task<NetworkResponse> SendAsync(string network, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        HttpClient client = clients.CreateClient(ClientName);
        try
        {
            using HttpResponseMessage response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            RetryAfterHeaders.IsThrottling(response, time.GetUtcNow(), out TimeSpan? wait);
            return new NetworkResponse(response.StatusCode, Parse(body), wait);
        }
        catch (HttpRequestException ex)
        {
            throw new PublishingException($"{network} could not be reached ({Describe(request)}): {ex.Message}", permanent: false, ex) { Ambiguous = true };
        }
        catch (TimeoutRejectedException ex)
        {
            throw new PublishingException($"{network} did not answer {Describe(request)} within {ex.Timeout.TotalSeconds:0.#} s (Publishing:HttpTimeout).", permanent: false, ex) { Ambiguous = true };
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PublishingException($"{network} did not answer {Describe(request)} in time.", permanent: false, ex) { Ambiguous = true };
        }
    }

    /// <summary>
    /// The failure a response that is not a success stands for, with the network's own message: 429 and 5xx pass (a
    /// server error is ambiguous: the post may be out), 401 and 403 name <paramref name="credentials"/>, other refusals
    /// are the network's word on the post.
    /// </summary>
    public static PublishingException Failure(string network, NetworkResponse response, string credentials)
    {
        ArgumentNullException.ThrowIfNull(response);
        int status = (int)response.Status;
        string message = Message(response.Body) ?? $"HTTP {status}";
        return status switch
        {
            429 => new PublishingException($"{network} asked to slow down (429): {message}", permanent: false) { RetryAfter = response.RetryAfter },
            >= 500 => new PublishingException($"{network} failed ({status}): {message}", permanent: false) { RetryAfter = response.RetryAfter, Ambiguous = true },
            401 or 403 when !IsContentRefusal(message) => new PublishingException($"{network} refused the account ({status}): {message}. Check {credentials}.", permanent: true),
            _ => new PublishingException($"{network} refused the post ({status}): {message}", permanent: true),
        };
    }

    /// <summary>The network's own words in an error body: Bluesky's <c>message</c>, X's <c>detail</c> or <c>errors</c>, Mastodon's <c>error</c>.</summary>
    internal static string? Message(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (string name in (string[])["message", "detail", "error_description", "error", "title"])
        {
            if (body.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
            {
                return Trim(value.GetString()!);
            }
        }

        if (body.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            return Message(errors[0]);
        }

        return null;
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    /// <summary>X answers 403 to a post it will not take (a duplicate, a reply it does not allow), with the token fine.</summary>
    private static bool IsContentRefusal(string message)
        => message.Contains("duplicate", StringComparison.OrdinalIgnoreCase) || message.Contains("not allowed to reply", StringComparison.OrdinalIgnoreCase);

    private static JsonElement Parse(byte[] body)
    {
        if (body.Length > 0)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(body);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // An HTML error page from a proxy: the status says enough.
            }
        }

        using JsonDocument empty = JsonDocument.Parse("{}");
        return empty.RootElement.Clone();
    }

    private static string Trim(string message) => message.Length <= MessageLength ? message : string.Concat(message.AsSpan(0, MessageLength), "…");

    private static string Describe(HttpRequestMessage request) => SourceHttp.Describe(request);
}
