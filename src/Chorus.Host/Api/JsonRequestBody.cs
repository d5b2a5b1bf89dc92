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

        try
        {
            return (JsonDocument.Parse(buffer.AsMemory(0, read), new JsonDocumentOptions { MaxDepth = 16 }), null);
        }
        catch (JsonException ex)
        {
            return (null, ApiProblems.Problem(StatusCodes.Status400BadRequest, "The body is not valid JSON.", ex.Message));
        }
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
