using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Chorus.Host.Tests.Contract;

/// <summary>
/// The host's OpenAPI document as a checker: which operation a request meets, and whether a response is one the
/// document lists (its status, its content type) with a body valid against the schema given for it. Checks are strict:
/// an object may carry only the properties its schema names, so a field the document does not describe fails too.
/// </summary>
internal sealed class OpenApiContract
{
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List };
    private readonly JsonObject _document;
    private readonly JsonObject _definitions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    public OpenApiContract(string json)
    {
        _document = JsonNode.Parse(json)!.AsObject();
        _definitions = (JsonObject)Strict(_document["components"]?["schemas"]?.DeepClone() ?? new JsonObject());
    }

    public JsonObject Document => _document;

    /// <summary>Every operation, as "METHOD /path/{parameter}".</summary>
    public IEnumerable<string> Operations
        => _document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}"));

    /// <summary>The problems with a response (<paramref name="status"/>, <paramref name="contentType"/>, <paramref name="body"/>) to a request for <paramref name="path"/>; none when it keeps the contract or no operation matches.</summary>
    public IReadOnlyList<string> Check(HttpMethod method, string path, int status, MediaTypeHeaderValue? contentType, string body)
    {
        if (Find(method, path) is not { } operation)
        {
            return [];
        }

        string where = $"{method} {path} answered {status}";
        if (operation.Operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not JsonObject response)
        {
            return [$"{where}, a status the document does not list for {operation.Template}."];
        }

        if (response["content"] is not JsonObject content || content.Count == 0)
        {
            return [];
        }

        string? mediaType = contentType?.MediaType;
        if (mediaType is null || content[mediaType] is not JsonObject media)
        {
            return [$"{where} with content type '{mediaType}', but the document lists {string.Join(", ", content.Select(c => c.Key))}."];
        }

        if (media["schema"] is not JsonNode schemaNode || !mediaType.Contains("json", StringComparison.Ordinal))
        {
            return [];
        }

        if (body.Length == 0)
        {
            return [$"{where} with an empty body, where the document gives a schema."];
        }

        return Evaluate(schemaNode, body, where);
    }

    /// <summary>The problems with a request body the host accepted: it must be one the document describes.</summary>
    public IReadOnlyList<string> CheckAccepted(HttpMethod method, string path, MediaTypeHeaderValue? contentType, string body)
    {
        if (Find(method, path) is not { } operation || contentType?.MediaType is not { } mediaType || !mediaType.Contains("json", StringComparison.Ordinal))
        {
            return [];
        }

        if (operation.Operation["requestBody"]?["content"]?[mediaType]?["schema"] is not JsonNode schemaNode)
        {
            return [$"{method} {path} accepted a {mediaType} body the document does not describe."];
        }

        return Evaluate(schemaNode, body, $"{method} {path} accepted a request body");
    }

    private IReadOnlyList<string> Evaluate(JsonNode schemaNode, string body, string where)
    {
        JsonSchema schema = _schemas.GetOrAdd(schemaNode.ToJsonString(), _ => Build(schemaNode));
        using JsonDocument instance = JsonDocument.Parse(body);
        EvaluationResults results = schema.Evaluate(instance.RootElement, Evaluation);
        return results.IsValid
            ? []
            : [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{where}: {d.InstanceLocation} {e.Key}: {e.Value}")).DefaultIfEmpty($"{where}: not valid against its schema: {body}")];
    }

    private (string Template, JsonObject Operation)? Find(HttpMethod method, string path)
    {
        string[] segments = path.Split('?')[0].Trim('/').Split('/');
        foreach ((string template, JsonNode? item) in _document["paths"]!.AsObject())
        {
            string[] parts = template.Trim('/').Split('/');
            bool matches = parts.Length == segments.Length && parts.Zip(segments).All(p => (p.First.StartsWith('{') && p.Second.Length > 0) || p.First == p.Second);
            if (matches && item![method.Method.ToLowerInvariant()] is JsonObject operation)
            {
                return (template, operation);
            }
        }

        return null;
    }

    private JsonSchema Build(JsonNode schema)
    {
        JsonObject root = (JsonObject)Strict(schema.DeepClone());
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = _definitions.DeepClone();
        string text = root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text, baseUri: new Uri($"https://chorus.test/contract/{Guid.NewGuid():N}"));
    }

    /// <summary>Every object schema that names its properties allows no others.</summary>
    private static JsonNode Strict(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (KeyValuePair<string, JsonNode?> property in obj.ToList())
                {
                    if (property.Value is not null)
                    {
                        Strict(property.Value);
                    }
                }

                if (obj["properties"] is JsonObject && !obj.ContainsKey("additionalProperties"))
                {
                    obj["additionalProperties"] = false;
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    if (item is not null)
                    {
                        Strict(item);
                    }
                }

                break;
        }

        return node;
    }
}
