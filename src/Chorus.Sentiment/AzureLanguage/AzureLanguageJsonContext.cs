using System.Text.Json.Serialization;

namespace Chorus.Sentiment.AzureLanguage;

/// <summary>Source-generated (reflection-free, trimming-safe) deserializers for the service's responses.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(AnalyzeTextResponse))]
[JsonSerializable(typeof(WireErrorResponse))]
internal sealed partial class AzureLanguageJsonContext : JsonSerializerContext;
