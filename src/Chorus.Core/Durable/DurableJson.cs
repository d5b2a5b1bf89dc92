using System.Text.Json;

namespace Chorus.Durable;

/// <summary>The one JSON shape for orchestration inputs, outputs, events and status, in every host.</summary>
public static class DurableJson
{
    /// <summary>Gets the serializer options: web defaults (camelCase, case-insensitive reads).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Serializes a value; null stays null.</summary>
    public static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Deserializes a value; null JSON gives the default.</summary>
    public static T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>Deserializes a value of a runtime type; null JSON gives null.</summary>
    public static object? Deserialize(string? json, Type type) => json is null ? null : JsonSerializer.Deserialize(json, type, Options);
}
