using System.ComponentModel.DataAnnotations;

namespace Chorus.Host.Api;

/// <summary>How much each API client may ask (section <c>Api:RateLimit</c>).</summary>
internal sealed class ApiRateLimitOptions
{
    public const string SectionName = "Api:RateLimit";

    /// <summary>
    /// Gets or sets how many requests one client (an API key, or a bearer token's subject) may make in any minute
    /// (default 1,200: twenty a second, above what an integration needs and below what would starve the others).
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Api:RateLimit:PermitsPerMinute must be between 1 and 1,000,000.")]
    public int PermitsPerMinute { get; set; } = 1_200;
}
