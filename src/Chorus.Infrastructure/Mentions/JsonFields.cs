using System.Globalization;
using System.Text.Json;

namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// Reads the fields of a source's JSON, failing with a <see cref="FormatException"/> that says which field (by its
/// path in the body) is missing or of the wrong type, for <see cref="SourceHttp.Read{T}(HttpRequestMessage, JsonDocument, Func{JsonElement, T})"/> to report.
/// </summary>
internal static class JsonFields
{
    /// <summary>Gets an array that must be present.</summary>
    public static JsonElement.ArrayEnumerator Array(JsonElement parent, string name, string path)
    {
        JsonElement value = Required(parent, name, path);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw WrongType(path, name, "an array", value);
    }

    /// <summary>Gets an object that must be present.</summary>
    public static JsonElement Object(JsonElement parent, string name, string path)
    {
        JsonElement value = Required(parent, name, path);
        return value.ValueKind == JsonValueKind.Object ? value : throw WrongType(path, name, "an object", value);
    }

    /// <summary>Gets an object that may be missing or null.</summary>
    public static JsonElement? OptionalObject(JsonElement parent, string name, string path)
    {
        JsonElement? value = Optional(parent, name, path);
        return value is not { } present || present.ValueKind == JsonValueKind.Object ? value : throw WrongType(path, name, "an object", present);
    }

    /// <summary>Gets a non-empty string that must be present.</summary>
    public static string String(JsonElement parent, string name, string path) =>
        OptionalString(parent, name, path) is { Length: > 0 } value ? value : throw new FormatException($"{Join(path, name)} is missing or empty");

    /// <summary>Gets a string that may be missing or null.</summary>
    public static string? OptionalString(JsonElement parent, string name, string path)
    {
        JsonElement? value = Optional(parent, name, path);
        return value is not { } present ? null
            : present.ValueKind == JsonValueKind.String ? present.GetString()
            : throw WrongType(path, name, "a string", present);
    }

    /// <summary>Gets a whole number that must be present.</summary>
    public static long Int64(JsonElement parent, string name, string path) =>
        OptionalInt64(parent, name, path) ?? throw new FormatException($"{Join(path, name)} is missing");

    /// <summary>Gets a whole number that may be missing or null.</summary>
    public static long? OptionalInt64(JsonElement parent, string name, string path)
    {
        JsonElement? value = Optional(parent, name, path);
        return value is not { } present ? null
            : present.ValueKind == JsonValueKind.Number && present.TryGetInt64(out long number) ? number
            : throw WrongType(path, name, "a whole number", present);
    }

    /// <summary>Gets an ISO 8601 date and time that must be present.</summary>
    public static DateTimeOffset Time(JsonElement parent, string name, string path)
    {
        string text = String(parent, name, path);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time)
            ? time
            : throw new FormatException($"{Join(path, name)} is not a date and time (got '{text}')");
    }

    /// <summary>Appends an array index to a path.</summary>
    public static string Item(string path, int index) => $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>Appends a property name to a path.</summary>
    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static JsonElement Required(JsonElement parent, string name, string path) =>
        Optional(parent, name, path) ?? throw new FormatException($"{Join(path, name)} is missing");

    private static JsonElement? Optional(JsonElement parent, string name, string path)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{(path.Length == 0 ? "the body" : path)} is {Describe(parent)}, not an object");
        }

        return parent.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    private static FormatException WrongType(string path, string name, string expected, JsonElement value) =>
        new($"{Join(path, name)} is {Describe(value)}, not {expected}");

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
