using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Chorus.Host.Api;

namespace Chorus.Host.Tests;

/// <summary>
/// Each API client has its own window (<c>Api:RateLimit:PermitsPerMinute</c>): past it, 429 problem details with
/// Retry-After, while another client and the anonymous refusals are untouched.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ApiRateLimitTests(LocalServicesFixture services)
{
    private const string OtherKey = "other-key-0123456789abcdef";

    [Fact]
    public async Task A_client_past_its_limit_gets_429_with_retry_after_and_the_other_client_and_anonymous_callers_do_not()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (settings, _) =>
        {
            settings["Api:RateLimit:PermitsPerMinute"] = "5";
            settings["Api:Keys:other"] = OtherKey;
        });
        for (int i = 0; i < 5; i++)
        {
            using HttpResponseMessage allowed = await host.Http.GetAsync("api/posts");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using HttpResponseMessage refused = await host.Http.PostAsync("api/posts/check", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, $"Retry-After: {refused.Headers.RetryAfter}");
        JsonElement problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("Api:RateLimit:PermitsPerMinute", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using HttpClient other = new() { BaseAddress = host.BaseUri };
        other.DefaultRequestHeaders.Add("X-Api-Key", OtherKey);
        using (HttpResponseMessage otherClient = await other.GetAsync("api/posts"))
        {
            Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
        }

        // Calls without a key are refused for that, however many come, and use up nobody's window.
        using HttpClient anonymous = new() { BaseAddress = host.BaseUri };
        for (int i = 0; i < 8; i++)
        {
            using HttpResponseMessage unauthenticated = await anonymous.GetAsync("api/posts");
            Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        }

        using HttpResponseMessage health = await anonymous.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void Bearer_clients_without_a_name_each_get_their_own_window_apart_from_api_key_clients()
    {
        static ClaimsPrincipal Bearer(params (string Type, string Value)[] claims) => new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "Bearer"));
        ClaimsPrincipal apiKey = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "crm"), new Claim("client_id", "crm")], "ApiKey"));

        string daemonA = ApiRateLimiting.ClientOf(Bearer(("azp", "app-a"), ("oid", "sp-a")));
        string daemonB = ApiRateLimiting.ClientOf(Bearer(("appid", "app-b")));
        string person = ApiRateLimiting.ClientOf(Bearer(("http://schemas.microsoft.com/identity/claims/objectidentifier", "user-1")));

        Assert.Equal(4, new[] { daemonA, daemonB, person, ApiRateLimiting.ClientOf(apiKey) }.Distinct().Count());
        Assert.NotEqual(ApiRateLimiting.ClientOf(Bearer(("azp", "crm"))), ApiRateLimiting.ClientOf(apiKey));
        Assert.Equal(daemonA, ApiRateLimiting.ClientOf(Bearer(("azp", "app-a"), ("oid", "sp-a"))));
    }
}
