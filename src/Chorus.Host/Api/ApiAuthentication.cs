using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;

namespace Chorus.Host.Api;

/// <summary>
/// API authentication: keys per client from configuration by default; Entra ID bearer tokens as well when
/// <c>Api:Entra:Authority</c> and <c>Api:Entra:Audience</c> are set. Unauthenticated calls get a 401 problem.
/// </summary>
internal static class ApiAuthentication
{
    public const string PolicyName = "api";
    private const string SelectorScheme = "ApiKeyOrBearer";

    public static IServiceCollection AddChorusApiAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.SectionName))
            .Validate(o => o.Keys.Values.All(k => k.Length >= 16), "Every key under Api:Keys must have at least 16 characters.")
            .ValidateOnStart();
        string? authority = configuration["Api:Entra:Authority"];
        string? audience = configuration["Api:Entra:Audience"];
        bool entra = !string.IsNullOrEmpty(authority) && !string.IsNullOrEmpty(audience);

        AuthenticationBuilder authentication = services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "API key or bearer token", o => o.ForwardDefaultSelector = http =>
                entra && http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        if (entra)
        {
            authentication.AddJwtBearer(o =>
            {
                o.Authority = authority;
                o.Audience = audience;
            });
        }

        services.AddAuthorizationBuilder().AddPolicy(PolicyName, p => p.RequireAuthenticatedUser());
        return services;
    }

    /// <summary>Writes the 401 as RFC 9457 problem details rather than an empty response.</summary>
    public static async Task WriteUnauthorizedAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.ContentType = "application/problem+json";
        http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyOptions.HeaderName}\"";
        ProblemDetails problem = new()
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Authentication required.",
            Detail = $"Send a valid API key in the '{ApiKeyOptions.HeaderName}' header (or an Entra ID bearer token where configured).",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        };
        await http.Response.WriteAsync(JsonSerializer.Serialize(problem, JsonSerializerOptions.Web)).ConfigureAwait(false);
    }
}
