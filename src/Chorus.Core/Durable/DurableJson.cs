using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chorus.Durable;

/// <summary>The one JSON shape for orchestration inputs, outputs, events, status, artefacts and API bodies, in every host.</summary>
public static class DurableJson
{
    /// <summary>Gets the serializer options: web defaults (camelCase, case-insensitive reads), enums by name.</summary>
    /// <remarks>Enums are written by name (<c>"Approved"</c>, <c>"Negative"</c>), and numbers written before are still read.</remarks>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies Chorus's JSON shape to options someone else owns (ASP.NET Core's, a host's).</summary>
    public static void ApplyTo(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter());
    }

    private static JsonSerializerOptions Create()
    {
        JsonSerializerOptions options = new(JsonSerializerDefaults.Web);
        ApplyTo(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Serializes a value; null stays null.</summary>
    public static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Deserializes a value; null JSON gives the default.</summary>
    public static T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>Deserializes a value of a runtime type; null JSON gives null.</summary>
    public static object? Deserialize(string? json, Type type) => json is null ? null : JsonSerializer.Deserialize(json, type, Options);
}
