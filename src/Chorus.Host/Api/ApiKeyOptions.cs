namespace Chorus.Host.Api;

/// <summary>API clients and their keys, bound from <c>Api:Keys</c> (client id → key); keys come only from configuration.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Api";

    /// <summary>The request header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>Gets the keys by client id.</summary>
    public Dictionary<string, string> Keys { get; } = new(StringComparer.Ordinal);
}
