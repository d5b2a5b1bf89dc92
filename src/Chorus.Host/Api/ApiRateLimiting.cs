using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Api;

/// <summary>
/// Each API client gets its own sliding one-minute window of <see cref="ApiRateLimitOptions.PermitsPerMinute"/>
/// requests, so one runaway integration (a loop over <c>POST /api/posts/check</c>, which scores and checks every text)
/// slows only itself. The window is keyed by the authenticated client, so it runs after authentication: a call without
/// a valid key is a 401 and counts against nobody. Past the limit: 429 problem details with <c>Retry-After</c>.
/// </summary>
internal static class ApiRateLimiting
{
    public const string PolicyName = "api-client";

    public static IServiceCollection AddChorusApiRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiRateLimitOptions>().Bind(configuration.GetSection(ApiRateLimitOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PolicyName, http =>
            {
                int permits = http.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value.PermitsPerMinute;
                return RateLimitPartition.GetSlidingWindowLimiter(ClientOf(http.User), _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    SegmentsPerWindow = 6,
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = WriteTooManyAsync;
        });
        return services;
    }

    /// <summary>
    /// The client a request counts against: the API key's client id, or for an Entra ID token the application that holds
    /// it (<c>azp</c>, <c>appid</c>) or else its subject. App-only tokens carry no name, so a name would put every daemon
    /// in one window; the scheme keeps a key's client id apart from a token's.
    /// </summary>
    internal static string ClientOf(ClaimsPrincipal user)
    {
        string? client = user.FindFirst("client_id")?.Value
            ?? user.FindFirst("azp")?.Value
            ?? user.FindFirst("appid")?.Value
            ?? user.FindFirst("oid")?.Value
            ?? user.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")?.Value
            ?? user.FindFirst("sub")?.Value
            ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value
            ?? user.Identity?.Name;
        return $"{user.Identity?.AuthenticationType}:{client}";
    }

    private static async ValueTask WriteTooManyAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        HttpResponse response = context.HttpContext.Response;
        TimeSpan retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan after) && after > TimeSpan.Zero ? after : TimeSpan.FromSeconds(10);
        int seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.ContentType = "application/problem+json";
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        ProblemDetails problem = new()
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests.",
            Detail = $"This API client made more requests in the last minute than Api:RateLimit:PermitsPerMinute allows. Nothing was done; try again in {seconds} s.",
            Type = "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        };
        await response.WriteAsync(JsonSerializer.Serialize(problem, JsonSerializerOptions.Web), cancellationToken);
    }
}
