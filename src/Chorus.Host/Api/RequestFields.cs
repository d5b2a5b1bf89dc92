using System.Text.Json;

namespace Chorus.Host.Api;

/// <summary>
/// Strict reading of JSON request fields, shared by every body the API accepts: each problem is reported against
/// the field's path (<c>author.email</c>), and unknown fields are refused rather than silently dropped.
/// </summary>
internal static class RequestFields
{
    /// <summary>Reports every property of <paramref name="obj"/> that is not in <paramref name="allowed"/>.</summary>
    public static void RejectUnknown(JsonElement obj, IReadOnlySet<string> allowed, Action<string, string> fail, string prefix = "")
    {
        foreach (JsonProperty property in obj.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                fail(prefix + property.Name, $"Unknown field '{prefix}{property.Name}'. Allowed: {string.Join(", ", allowed)}.");
            }
        }
    }

    /// <summary>A string field that must be there.</summary>
    public static string? RequiredString(JsonElement obj, string name, Action<string, string> fail, string prefix = "")
    {
        if (!obj.TryGetProperty(name, out JsonElement value))
        {
            fail(prefix + name, $"'{prefix}{name}' is required.");
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : WrongType(prefix + name, value, fail);
    }

    /// <summary>A string field that may be missing or null.</summary>
    public static string? OptionalString(JsonElement obj, string name, Action<string, string> fail, string prefix = "")
        => !obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString() : WrongType(prefix + name, value, fail);

    /// <summary>Whether an ISO 8601 time names its offset (Z or ±hh:mm): a time without one is ambiguous.</summary>
    public static bool HasOffset(string value)
        => value.EndsWith('Z') || value.EndsWith('z') || value.Contains('+', StringComparison.Ordinal) || value.LastIndexOf('-') > 10;

    private static string? WrongType(string field, JsonElement value, Action<string, string> fail)
    {
        fail(field, $"'{field}' must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}.");
        return null;
    }
}
