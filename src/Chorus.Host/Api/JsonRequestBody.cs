using System.Text.Json;

namespace Chorus.Host.Api;

/// <summary>
/// Reads a JSON request body within a size limit that is enforced before the body is read in full: a declared
/// Content-Length over the limit is refused at once, and an undeclared body is cut off at the limit.
/// </summary>
internal static class JsonRequestBody
{
    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } contentType || !IsJson(contentType))
        {
            return (null, ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type.", "Send the body as JSON with 'Content-Type: application/json'."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        byte[] buffer = new byte[Math.Min(maxBytes + 1, (int)(request.ContentLength ?? maxBytes + 1))];
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        if (read > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        JsonDocument document;
        try
        {
            // Duplicate keys are refused: which of two values a reader takes is a guess, and guesses differ between readers.
            document = JsonDocument.Parse(buffer.AsMemory(0, read), new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            return (null, ApiProblems.Problem(StatusCodes.Status400BadRequest, "The body is not valid JSON.", ex.Message));
        }
        catch (InvalidOperationException)
        {
            // Checking keys for duplicates decodes them; a key that is not valid Unicode fails there.
            return (null, Undecodable(string.Empty));
        }

        // The parser checks structure, not text: invalid UTF-8 or a lone surrogate escape ("\ud800") in a string or a
        // key only fails when it is read. Every string is read once here, so handlers meet only text they can keep.
        if (FirstUndecodable(document.RootElement, string.Empty) is { } path)
        {
            document.Dispose();
            return (null, Undecodable(path));
        }

        return (document, null);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Undecodable(string path) => ApiProblems.Validation(
        new Dictionary<string, string[]> { [path.Length == 0 ? "(body)" : path] = ["This text is not valid Unicode (invalid UTF-8, or a lone surrogate such as \\ud800). Nothing was stored."] },
        "The body has text that is not valid Unicode.");

    /// <summary>The path of the first string or key that does not decode to well-formed text, or null.</summary>
    private static string? FirstUndecodable(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Decode(element.GetString) is null ? path : null;
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    string? name = Decode(() => property.Name);
                    if (name is null)
                    {
                        return path;
                    }

                    string child = path.Length == 0 ? name : path + "." + name;
                    if (FirstUndecodable(property.Value, child) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (FirstUndecodable(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string? Decode(Func<string?> read)
    {
        try
        {
            string? text = read();
            return text is null || HasLoneSurrogate(text) ? null : text;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsJson(string contentType)
    {
        string mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static IResult TooLarge(int maxBytes) => ApiProblems.Problem(
        StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"The body may be at most {maxBytes:N0} bytes.");
}
