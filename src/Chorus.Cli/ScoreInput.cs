using System.Text.Json;
using Chorus.Sentiment;

namespace Chorus.Cli;

/// <summary>Reads one input line of <c>score</c>: a JSON object with string "id" and "text" and optional "language".</summary>
internal static class ScoreInput
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    /// <summary>Parses a line; on failure returns null and says why in <paramref name="error"/>.</summary>
    public static SentimentDocument? TryParse(string line, out string error)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line, Options);
        }
        catch (JsonException ex)
        {
            error = $"Malformed JSON: {ex.Message}";
            return null;
        }

        using (json)
        {
            JsonElement root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = $"Expected a JSON object, got {Describe(root.ValueKind)}.";
                return null;
            }

            string? id = ReadString(root, "id", required: true, out error);
            if (id is null)
            {
                return null;
            }

            string? text = ReadString(root, "text", required: true, out error);
            if (text is null)
            {
                return null;
            }

            string? language = ReadString(root, "language", required: false, out error);
            if (error.Length > 0)
            {
                return null;
            }

            return new SentimentDocument(id, text, language);
        }
    }

    private static string? ReadString(JsonElement root, string name, bool required, out string error)
    {
        error = string.Empty;
        if (!root.TryGetProperty(name, out JsonElement value) || (!required && value.ValueKind == JsonValueKind.Null))
        {
            if (required)
            {
                error = $"Missing \"{name}\".";
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            error = $"\"{name}\" must be a string, got {Describe(value.ValueKind)}.";
            return null;
        }

        return value.GetString();
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
