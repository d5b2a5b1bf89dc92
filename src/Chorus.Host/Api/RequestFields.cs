using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Chorus.Host.Api;

/// <summary>
/// Strict reading of JSON request fields, shared by every body the API accepts: each problem is reported against
/// the field's path (<c>author.email</c>), and unknown fields are refused rather than silently dropped.
/// </summary>
internal static partial class RequestFields
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

    /// <summary>Gets the earliest time the API takes: nothing anyone posts or says predates it, and year 1 is a typo.</summary>
    public static DateTimeOffset EarliestTime { get; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Parses an RFC 3339 date-time with its offset (<c>2026-12-01T09:00:00Z</c>, <c>…T09:00:00.5+01:00</c>) and
    /// nothing looser: a time without an offset is ambiguous, and RFC 1123 or local forms read differently per reader.
    /// </summary>
    public static bool TryParseTime(string value, out DateTimeOffset time)
    {
        time = default;
        return Rfc3339().IsMatch(value)
            && DateTimeOffset.TryParseExact(value.ToUpperInvariant(), ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time)
            && time >= EarliestTime;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    private static string? WrongType(string field, JsonElement value, Action<string, string> fail)
    {
        fail(field, $"'{field}' must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}.");
        return null;
    }
}
