using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Api;

/// <summary>
/// Authenticates a caller by the <c>X-Api-Key</c> header against the configured keys, comparing in constant time so
/// response timing says nothing about a key. The client id becomes the caller's name.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ApiKeyOptions> keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => ApiAuthentication.WriteUnauthorizedAsync(Context);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyOptions.HeaderName, out Microsoft.Extensions.Primitives.StringValues presented) || presented.Count != 1 || string.IsNullOrEmpty(presented[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        byte[] candidate = SHA256.HashData(Encoding.UTF8.GetBytes(presented[0]!));
        string? client = null;
        foreach ((string clientId, string key) in keys.CurrentValue.Keys)
        {
            // Hashing both sides first makes the comparison constant-time regardless of key length; every key is checked.
            if (CryptographicOperations.FixedTimeEquals(candidate, SHA256.HashData(Encoding.UTF8.GetBytes(key))))
            {
                client = clientId;
            }
        }

        if (client is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        ClaimsIdentity identity = new([new Claim(ClaimTypes.Name, client), new Claim("client_id", client)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
