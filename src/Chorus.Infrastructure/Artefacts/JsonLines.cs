using System.Text;
using System.Text.Json;

namespace Chorus.Infrastructure.Artefacts;

/// <summary>
/// The JSON-lines format of artefact logs: one JSON object per '\n'-terminated line, each carrying a top-level
/// <c>entryId</c> string that makes appending it idempotent.
/// </summary>
internal static class JsonLines
{
    /// <summary>The property every line must carry.</summary>
    public const string EntryIdProperty = "entryId";

    /// <summary>
    /// Checks that <paramref name="jsonLine"/> is one JSON object on one line whose <c>entryId</c> is
    /// <paramref name="entryId"/>, and returns its UTF-8 bytes ending in exactly one '\n'.
    /// </summary>
    /// <exception cref="ArgumentException">The line is not such an object.</exception>
    public static byte[] Encode(string entryId, string jsonLine)
    {
        ArgumentException.ThrowIfNullOrEmpty(entryId);
        ArgumentNullException.ThrowIfNull(jsonLine);
        ReadOnlySpan<char> body = jsonLine.AsSpan();
        if (body.EndsWith('\n'))
        {
            body = body[..^1];
        }

        // A newline inside would split one entry into two unreadable lines.
        if (body.ContainsAny('\r', '\n'))
        {
            throw new ArgumentException("The JSON line must be on one line: serialize it without indentation.", nameof(jsonLine));
        }

        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(body) + 1];
        int length = Encoding.UTF8.GetBytes(body, bytes);
        bytes[length] = (byte)'\n';

        string? found;
        try
        {
            found = EntryIdOf(bytes.AsSpan(0, length));
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The JSON line is not a single JSON object: {ex.Message}", nameof(jsonLine), ex);
        }

        if (!string.Equals(found, entryId, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                found is null
                    ? $"The JSON line has no string \"{EntryIdProperty}\" property; it must carry \"{EntryIdProperty}\": \"{entryId}\"."
                    : $"The JSON line's \"{EntryIdProperty}\" is '{found}', not '{entryId}'.",
                nameof(jsonLine));
        }

        return bytes;
    }

    /// <summary>Whether any line of <paramref name="content"/> has the given <c>entryId</c>.</summary>
    /// <exception cref="InvalidDataException">A line is not a JSON object.</exception>
    public static bool ContainsEntry(ReadOnlySpan<byte> content, string entryId)
    {
        int lineNumber = 0;
        while (!content.IsEmpty)
        {
            lineNumber++;
            int end = content.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? content : content[..end];
            content = end < 0 ? [] : content[(end + 1)..];
            if (line.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            string? found;
            try
            {
                found = EntryIdOf(line);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"Line {lineNumber} is not a JSON object: {ex.Message}", ex);
            }

            if (string.Equals(found, entryId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a whole line as one JSON object and returns its top-level <c>entryId</c> string, or null.</summary>
    /// <exception cref="JsonException">The line is not exactly one JSON object.</exception>
    private static string? EntryIdOf(ReadOnlySpan<byte> line)
    {
        Utf8JsonReader reader = new(line, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected an object.");
        }

        string? entryId = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isEntryId = reader.ValueTextEquals(EntryIdProperty);
            reader.Read();
            if (isEntryId && reader.TokenType == JsonTokenType.String)
            {
                entryId ??= reader.GetString();
            }

            // Skip() reads through nested values, so the whole line is still checked to be well formed.
            reader.Skip();
        }

        // Reading past the end object throws if anything but whitespace follows it.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException("expected one object and nothing after it.");
        }

        return entryId;
    }
}
