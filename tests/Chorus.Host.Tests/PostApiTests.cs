using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Chorus.Host.Tests;

/// <summary>The submission API: what it refuses (RFC 9457 problem details, nothing stored) and what it routes by itself.</summary>
[Collection(HostCollection.Name)]
public sealed class PostApiTests(LocalServicesFixture services) : IAsyncLifetime
{
    private const string Valid = """{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"marketing"},"text":"Hello from the team","channels":["x"]}""";
    private ChorusTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ChorusTestHost.StartAsync(services);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("""{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"m"},"text":"hi","channels":["x"],"colour":"red"}""", "colour")]
    [InlineData("""{"text":"hi","channels":["x"]}""", "author")]
    [InlineData("""{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"m"},"channels":["x"]}""", "text")]
    [InlineData("""{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"m"},"text":"hi"}""", "channels")]
    [InlineData("""{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"m"},"text":5,"channels":["x"]}""", "text")]
    [InlineData("""{"author":{"email":"not-an-email","displayName":"Ada","team":"m"},"text":"hi","channels":["x"]}""", "author.email")]
    [InlineData("""{"author":{"email":"Ada <ada@chorus.test>","displayName":"Ada","team":"m"},"text":"hi","channels":["x"]}""", "author.email")]
    [InlineData("""{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"m","age":3},"text":"hi","channels":["x"]}""", "author.age")]
    [InlineData("""{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"m"},"text":"hi","channels":["myspace"]}""", "channels[0]")]
    [InlineData("""{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"m"},"text":"hi","channels":[]}""", "channels")]
    [InlineData("""{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"m"},"text":"hi","channels":["x"],"scheduledAt":"2020-01-01T00:00:00Z"}""", "scheduledAt")]
    [InlineData("""{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"m"},"text":"hi","channels":["x"],"scheduledAt":"tomorrow"}""", "scheduledAt")]
    [InlineData("""{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"m"},"text":"hi","channels":["x"],"links":["ftp://x.example/a"]}""", "links[0]")]
    [InlineData("""{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"m"},"text":"   ","channels":["x"]}""", "text")]
    [InlineData("""{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"m"},"text":"hi","channels":["x"],"scheduledAt":"Mon, 30 Nov 2099 10:00:00 +0000"}""", "scheduledAt")]
    [InlineData("""{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"m"},"text":"hi","channels":["x"],"scheduledAt":"2099-12-01T09:00:00"}""", "scheduledAt")]
    [InlineData("""{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"m"},"text":"hi","channels":["x"],"scheduledAt":"2099-12-01T09:00:00Z"}""", "scheduledAt")]
    [InlineData("""[1,2,3]""", "$")]
    public async Task A_bad_field_is_refused_with_a_problem_naming_it_and_nothing_is_stored(string body, string field)
    {
        using HttpResponseMessage response = await _host.Http.PostAsync("api/posts", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {problem}");
        Assert.DoesNotContain(await _host.ArtefactNamesAsync(), n => n.StartsWith("posts/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Text_over_the_configured_maximum_is_refused()
    {
        string body = Valid.Replace("Hello from the team", new string('a', 5001), StringComparison.Ordinal);
        using HttpResponseMessage response = await _host.Http.PostAsync("api/posts", Json(body));

        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("5,000", problem.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_wrong_content_type_and_oversized_bodies_are_refused()
    {
        using HttpResponseMessage malformed = await _host.Http.PostAsync("api/posts", Json("{\"author\": "));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);

        using HttpResponseMessage text = await _host.Http.PostAsync("api/posts", new StringContent(Valid, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);

        using HttpResponseMessage declared = await _host.Http.PostAsync("api/posts", Json(new string(' ', 70_000) + Valid));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);

        using StreamContent chunked = new(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', 70_000) + Valid)));
        chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using HttpRequestMessage request = new(HttpMethod.Post, "api/posts") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using HttpResponseMessage undeclared = await _host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, undeclared.StatusCode);
        Assert.DoesNotContain(await _host.ArtefactNamesAsync(), n => n.StartsWith("posts/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calls_without_a_valid_api_key_get_401_problems()
    {
        using HttpClient anonymous = new() { BaseAddress = _host.BaseUri };
        using HttpResponseMessage none = await anonymous.PostAsync("api/posts", Json(Valid));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);

        anonymous.DefaultRequestHeaders.Add("X-Api-Key", "wrong-key-0123456789");
        using HttpResponseMessage wrong = await anonymous.GetAsync("api/posts");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task An_idempotency_key_returns_the_first_result_and_refuses_a_different_body()
    {
        using HttpRequestMessage first = new(HttpMethod.Post, "api/posts") { Content = Json(Valid) };
        first.Headers.Add("Idempotency-Key", "k-1");
        using HttpResponseMessage one = await _host.Http.SendAsync(first);
        using HttpRequestMessage repeat = new(HttpMethod.Post, "api/posts") { Content = Json(Valid) };
        repeat.Headers.Add("Idempotency-Key", "k-1");
        using HttpResponseMessage two = await _host.Http.SendAsync(repeat);
        using HttpRequestMessage different = new(HttpMethod.Post, "api/posts") { Content = Json(Valid.Replace("Hello", "Bye", StringComparison.Ordinal)) };
        different.Headers.Add("Idempotency-Key", "k-1");
        using HttpResponseMessage three = await _host.Http.SendAsync(different);

        Assert.Equal(HttpStatusCode.Accepted, one.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, two.StatusCode);
        string id = (await one.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("postId").GetString()!;
        Assert.Equal(id, (await two.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("postId").GetString());
        Assert.Equal($"/api/posts/{id}", one.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Conflict, three.StatusCode);
        Assert.Single(await _host.ArtefactNamesAsync(), n => n.EndsWith("/submission.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_clean_post_is_approved_by_the_rules_and_a_blocked_one_rejected_with_the_reason()
    {
        string clean = await _host.SubmitAsync("Had a lovely time volunteering with the team today.");
        string blocked = await _host.SubmitAsync("Chorus stock: guaranteed returns! #ChorusEmployee");

        JsonElement approved = await _host.WaitForStatusAsync(clean, "Approved");
        Assert.Contains("automatically", approved.GetProperty("decision").GetProperty("reason").GetString(), StringComparison.Ordinal);
        JsonElement rejected = await _host.WaitForStatusAsync(blocked, "Rejected");
        Assert.Contains(rejected.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "banned-term");

        // Every enum reads as its name, as "status" always did.
        Assert.Equal("Rejected", rejected.GetProperty("decision").GetProperty("status").GetString());
        Assert.Contains(rejected.GetProperty("findings").EnumerateArray(), f => f.GetProperty("severity").GetString() == "Block");
        Assert.Equal(JsonValueKind.String, rejected.GetProperty("sentiment").GetProperty("label").ValueKind);
        Assert.Equal(JsonValueKind.String, approved.GetProperty("sentiment").GetProperty("label").ValueKind);
        ReceivedMail told = await new Mailbox(services.Maildev.WebUri).WaitForAsync($"author-{_host.Suffix}@chorus.test", "not approved");
        Assert.Contains("guaranteed returns", told.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unknown_posts_are_404_and_list_filters_are_validated()
    {
        using HttpResponseMessage missing = await _host.Http.GetAsync("api/posts/20260101-0123456789abcdef0123456789abcdef");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using HttpResponseMessage nonsense = await _host.Http.GetAsync("api/posts/..%2F..%2Fetc");
        Assert.Equal(HttpStatusCode.NotFound, nonsense.StatusCode);
        using HttpResponseMessage badStatus = await _host.Http.GetAsync("api/posts?status=Bogus&pageSize=500");
        JsonElement problem = await badStatus.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _));

        string id = await _host.SubmitAsync("Another lovely day with the team.");
        await _host.WaitForStatusAsync(id, "Approved");
        JsonElement list = await _host.Http.GetFromJsonAsync<JsonElement>($"api/posts?author=author-{_host.Suffix}@chorus.test&status=Approved");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("postId").GetString() == id);
        JsonElement none = await _host.Http.GetFromJsonAsync<JsonElement>("api/posts?author=nobody@chorus.test");
        Assert.Empty(none.GetProperty("items").EnumerateArray());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
