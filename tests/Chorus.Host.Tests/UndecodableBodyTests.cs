using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Chorus.Host.Tests;

/// <summary>
/// Bodies a hostile or broken client sends that a JSON parser accepts but no handler can read: invalid UTF-8, lone
/// surrogate escapes, in values or keys, and duplicate keys. Each is a 400 problem naming where, never a 500, and
/// nothing is stored.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class UndecodableBodyTests(LocalServicesFixture services) : IAsyncLifetime
{
    private const string Post = """{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"marketing"},"text":"TEXT","channels":["x"]}""";
    private const string Mention = """{"source":"crm","id":"m-1","author":{"handle":"@a"},"text":"TEXT","createdAt":"2026-11-21T10:00:00Z"}""";
    private ChorusTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ChorusTestHost.StartAsync(services);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string, string> Cases()
    {
        TheoryData<string, string, string> cases = [];
        foreach ((string route, string body) in new[] { ("api/posts", Post), ("api/mentions", Mention) })
        {
            cases.Add(route, body.Replace("TEXT", "\\ud800 alone", StringComparison.Ordinal), "text");
            cases.Add(route, body.Replace("TEXT", "\\udc00\\ud800 reversed", StringComparison.Ordinal), "text");
            cases.Add(route, body.Replace("\"text\"", "\"te\\ud800xt\"", StringComparison.Ordinal), "(body)");
            cases.Add(route, body.Replace("\"@a\"", "\"\\udfff\"", StringComparison.Ordinal).Replace("\"Ada\"", "\"\\udfff\"", StringComparison.Ordinal), route == "api/posts" ? "author.displayName" : "author.handle");
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_lone_surrogate_in_a_value_or_key_is_a_400_naming_where(string route, string body, string field)
        => await AssertRefusedAsync(route, Encoding.UTF8.GetBytes(body), field);

    [Theory]
    [InlineData("api/posts")]
    [InlineData("api/mentions")]
    public async Task Invalid_utf8_bytes_in_a_string_are_a_400_naming_the_field(string route)
    {
        byte[] body = Encoding.UTF8.GetBytes((route == "api/posts" ? Post : Mention).Replace("TEXT", "caf\u00e9 XX", StringComparison.Ordinal));
        int at = Array.IndexOf(body, (byte)'X');
        body[at] = 0xC3;      // A lead byte...
        body[at + 1] = 0x28;  // ...followed by a byte that cannot continue it.
        await AssertRefusedAsync(route, body, "text");
    }

    [Theory]
    [InlineData("api/posts")]
    [InlineData("api/mentions")]
    public async Task A_duplicate_key_is_refused(string route)
    {
        string body = (route == "api/posts" ? Post : Mention).Replace("\"text\":\"TEXT\"", "\"text\":\"one\",\"text\":\"two\"", StringComparison.Ordinal);
        using HttpResponseMessage response = await SendAsync(route, Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await _host.ArtefactNamesAsync());
    }

    private async Task AssertRefusedAsync(string route, byte[] body, string field)
    {
        using HttpResponseMessage response = await SendAsync(route, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {problem}");
        Assert.Empty(await _host.ArtefactNamesAsync());
    }

    private async Task<HttpResponseMessage> SendAsync(string route, byte[] body)
    {
        ByteArrayContent content = new(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await _host.Http.PostAsync(route, content);
    }
}
