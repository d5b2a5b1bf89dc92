using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Chorus.Mentions;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// Calls one source over HTTP, through the sources' named client and its resilience pipeline
/// (<see cref="SourceResilience"/>), and turns every way that can fail (network, timeouts, an open circuit, throttling,
/// server errors, refusals, bodies that do not parse) into a <see cref="MentionSourceException"/> naming the source and
/// the request.
/// </summary>
internal sealed class SourceHttp(IHttpClientFactory clients, string source, TimeProvider timeProvider)
{
    /// <summary>The name of the sources' client in <see cref="IHttpClientFactory"/>.</summary>
    internal const string ClientName = "Chorus.Mentions";

    /// <summary>What every request says it is, so an operator seeing the traffic knows whose it is.</summary>
    internal const string UserAgent = "Chorus/1.0 (+https://github.com/chorus; mention monitor)";

    private const int ErrorExcerptLength = 300;

    private static readonly ProductInfoHeaderValue Product = new("Chorus", "1.0");
    private static readonly ProductInfoHeaderValue Comment = new("(+https://github.com/chorus; mention monitor)");

    /// <summary>Gets the source's configured name.</summary>
    public string Source => source;

    /// <summary>
    /// Sends a request, retried as <see cref="SourceResilience"/> says; only failures to get any response throw here,
    /// so the caller can look at the status first.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Set per request, not on the client: the client is configured once for every source.
        request.Headers.UserAgent.Clear();
        request.Headers.UserAgent.Add(Product);
        request.Headers.UserAgent.Add(Comment);

        // A client per request, as the factory intends: it rotates the handlers underneath, so DNS changes are seen.
        HttpClient client = clients.CreateClient(ClientName);
        try
        {
            return await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new MentionSourceException(source, $"{Describe(request)} failed: {ex.Message}", inner: ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new MentionSourceException(
                source,
                $"{Describe(request)} timed out after {ex.Timeout.TotalSeconds:0.#} s (each attempt may take Mentions:HttpTimeout, all of them Mentions:Resilience:TotalTimeout).",
                inner: ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw new MentionSourceException(
                source,
                $"{Describe(request)} was not sent: requests to {request.RequestUri?.GetLeftPart(UriPartial.Authority)} failed repeatedly, so they are held back for Mentions:Resilience:CircuitBreakDuration before one is tried again.",
                inner: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The client's own timeout, which also covers reading the body once the pipeline has the headers.
            throw new MentionSourceException(source, $"{Describe(request)} timed out after {client.Timeout.TotalSeconds:0.#} s.", inner: ex);
        }
    }

    /// <summary>Throws unless the response succeeded; <paramref name="credentials"/> names the settings a 401/403 points at.</summary>
    public async Task EnsureSuccessAsync(HttpResponseMessage response, string credentials, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        int status = (int)response.StatusCode;
        string request = Describe(response.RequestMessage);
        if (RetryAfterHeaders.IsThrottling(response, timeProvider.GetUtcNow(), out TimeSpan? retryAfter))
        {
            string wait = retryAfter is { } delay ? $"; retry after {delay.TotalSeconds:0} s" : string.Empty;
            throw new MentionSourceException(source, $"{request} was throttled ({status} {response.ReasonPhrase}{wait}).", retryAfter);
        }

        string excerpt = await ExcerptAsync(response, cancellationToken).ConfigureAwait(false);
        if (status >= 500)
        {
            throw new MentionSourceException(source, $"{request} failed with a server error ({status} {response.ReasonPhrase}){excerpt}.");
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new MentionSourceException(source, $"{request} was refused ({status} {response.ReasonPhrase}): check {credentials}{excerpt}.");
        }

        throw new MentionSourceException(source, $"{request} failed ({status} {response.ReasonPhrase}){excerpt}.");
    }

    /// <summary>Sends a request and parses its JSON body, failing as <see cref="EnsureSuccessAsync"/> does.</summary>
    public async Task<JsonDocument> GetJsonAsync(HttpRequestMessage request, string credentials, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, credentials, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Parses a successful response's body as JSON.</summary>
    public async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw Malformed(response.RequestMessage, $"the body is not valid JSON ({ex.Message})");
        }
    }

    /// <summary>
    /// Parses a successful response's body as XML, refusing DTDs so that no entity is expanded or fetched. What real feeds
    /// put before <c>&lt;?xml</c> (a byte-order mark, then blank lines, as many WordPress feeds do) is skipped: strictly
    /// it makes the document malformed, and refusing it would lose the whole feed.
    /// </summary>
    public async Task<XDocument> ReadXmlAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        int start = LeadingNoise(body);
        XmlReaderSettings settings = new() { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, Async = true };
        try
        {
            using XmlReader reader = XmlReader.Create(new MemoryStream(body, start, body.Length - start, writable: false), settings);
            return await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken).ConfigureAwait(false);
        }
        catch (XmlException ex)
        {
            throw Malformed(response.RequestMessage, $"the body is not well-formed XML ({ex.Message})");
        }
    }

    /// <summary>How many leading bytes are UTF-8 byte-order marks and whitespace.</summary>
    private static int LeadingNoise(byte[] body)
    {
        int i = 0;
        while (i < body.Length)
        {
            if (body.AsSpan(i).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                i += 3;
            }
            else if (body[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>Reads a page's JSON with <paramref name="read"/>, reporting a missing or mistyped field as a malformed response.</summary>
    public T Read<T>(HttpRequestMessage request, JsonDocument document, Func<JsonElement, T> read) => Read(Describe(request), document, read);

    /// <inheritdoc cref="Read{T}(HttpRequestMessage, JsonDocument, Func{JsonElement, T})"/>
    public T Read<T>(string request, JsonDocument document, Func<JsonElement, T> read)
    {
        try
        {
            return read(document.RootElement);
        }
        catch (FormatException ex)
        {
            throw Malformed(request, ex.Message);
        }
    }

    /// <summary>Reports a response that parsed but is not what the source documents.</summary>
    public MentionSourceException Malformed(HttpRequestMessage? request, string what) => Malformed(Describe(request), what);

    /// <inheritdoc cref="Malformed(HttpRequestMessage?, string)"/>
    public MentionSourceException Malformed(string request, string what) => new(source, $"the response to {request} is malformed: {what}.");

    /// <summary>Describes a request without its query, which may be long and is in the logs of the source anyway.</summary>
    public static string Describe(HttpRequestMessage? request) =>
        request?.RequestUri is { } uri ? Describe(request.Method, uri) : "the request";

    /// <inheritdoc cref="Describe(HttpRequestMessage?)"/>
    public static string Describe(HttpMethod method, Uri uri) => $"{method} {uri.GetLeftPart(UriPartial.Path)}";

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
        if (body.Length == 0)
        {
            return string.Empty;
        }

        return ": " + (body.Length <= ErrorExcerptLength ? body : string.Concat(body.AsSpan(0, ErrorExcerptLength), "…"));
    }
}
