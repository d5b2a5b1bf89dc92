using System.Net;
using System.Text;

namespace Chorus.Host.Tests;

/// <summary>Every response carries the security headers, errors from the framework included, and no Server header.</summary>
[Collection(HostCollection.Name)]
public sealed class SecurityHeadersTests(LocalServicesFixture services)
{
    [Fact]
    public async Task Successes_problems_and_framework_errors_all_carry_the_security_headers_and_no_server_header()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        using HttpClient anonymous = new() { BaseAddress = host.BaseUri };
        List<(string What, HttpResponseMessage Response)> responses =
        [
            ("200 health", await anonymous.GetAsync("healthz")),
            ("404 unknown path", await anonymous.GetAsync("no/such/path")),
            ("405 wrong method", await anonymous.DeleteAsync("healthz")),
            ("401 no API key", await anonymous.GetAsync("api/posts")),
            ("400 problem", await host.Http.PostAsync("api/posts", new StringContent("{}", Encoding.UTF8, "application/json"))),
            ("400 bad approval link", await anonymous.GetAsync("approvals/not-a-token")),
        ];

        try
        {
            Assert.Equal(
                [HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed, HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest],
                responses.Select(r => r.Response.StatusCode));
            foreach ((string what, HttpResponseMessage response) in responses)
            {
                Assert.True(response.Headers.TryGetValues("X-Frame-Options", out IEnumerable<string>? frame) && frame.Single() == "DENY", $"{what}: no X-Frame-Options: DENY");
                Assert.True(response.Headers.Contains("Content-Security-Policy") || response.Content.Headers.Contains("Content-Security-Policy"), $"{what}: no Content-Security-Policy");
                Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out IEnumerable<string>? sniff) && sniff.Single() == "nosniff", $"{what}: no X-Content-Type-Options");
                Assert.True(response.Headers.Contains("Referrer-Policy"), $"{what}: no Referrer-Policy");
                Assert.False(response.Headers.Contains("Server"), $"{what}: a Server header");
            }
        }
        finally
        {
            foreach ((_, HttpResponseMessage response) in responses)
            {
                response.Dispose();
            }
        }
    }
}
