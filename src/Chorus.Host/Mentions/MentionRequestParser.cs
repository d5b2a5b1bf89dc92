using System.Text.Json;
using Chorus.Host.Api;
using Chorus.Mentions;

namespace Chorus.Host.Mentions;

/// <summary>
/// Reads a mention pushed to the HTTP inbox, field by field, as strictly as post submissions: unknown fields, wrong
/// types and missing fields are refused with the field's name.
/// </summary>
internal static class MentionRequestParser
{
    private static readonly HashSet<string> RootFields = ["source", "id", "url", "author", "text", "language", "createdAt"];
    private static readonly HashSet<string> AuthorFields = ["handle", "name", "reach"];

    public static (Mention? Mention, Dictionary<string, string[]> Errors) Parse(JsonElement root, DateTimeOffset now, int maxTextLength)
    {
        Dictionary<string, string[]> errors = new(StringComparer.Ordinal);
        void Fail(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];
        if (root.ValueKind != JsonValueKind.Object)
        {
            Fail("$", "The body must be a JSON object.");
            return (null, errors);
        }

        RequestFields.RejectUnknown(root, RootFields, Fail);

        string source = RequestFields.OptionalString(root, "source", Fail) ?? "inbox";
        if (!MentionIds.IsValidSource(source))
        {
            Fail("source", "The source must be 1-40 lower-case letters, digits or '-'.");
        }

        string? id = RequestFields.RequiredString(root, "id", Fail);
        if (id is not null && (string.IsNullOrWhiteSpace(id) || id.Length > 200))
        {
            Fail("id", "The id must have 1 to 200 characters, not only spaces.");
        }

        string? text = RequestFields.RequiredString(root, "text", Fail);
        if (text is not null && (string.IsNullOrWhiteSpace(text) || text.Length > maxTextLength))
        {
            Fail("text", $"The text must have 1 to {maxTextLength:N0} characters.");
        }

        Uri? url = null;
        if (RequestFields.OptionalString(root, "url", Fail) is { } rawUrl && !(Uri.TryCreate(rawUrl, UriKind.Absolute, out url) && url.Scheme is "http" or "https"))
        {
            Fail("url", "The url must be an absolute http or https URL.");
        }

        string? language = RequestFields.OptionalString(root, "language", Fail);
        if (language is not null && (language.Length is < 2 or > 8 || !language.All(char.IsAsciiLetter)))
        {
            Fail("language", "The language must be an ISO 639 code such as \"en\".");
        }

        DateTimeOffset createdAt = default;
        if (RequestFields.RequiredString(root, "createdAt", Fail) is { } created)
        {
            if (!RequestFields.TryParseTime(created, out createdAt))
            {
                Fail("createdAt", $"createdAt must be an RFC 3339 date and time with an offset, e.g. 2026-11-21T10:00:00Z, from {RequestFields.EarliestTime:yyyy} on.");
            }
            else if (createdAt > now.AddMinutes(5))
            {
                Fail("createdAt", "createdAt is in the future.");
            }
        }

        (string? handle, string? name, long? reach) = ParseAuthor(root, Fail);
        if (errors.Count > 0 || id is null || text is null || handle is null)
        {
            return (null, errors);
        }

        return (new Mention(source, id, url, handle, name, reach, text, language?.ToLowerInvariant(), createdAt, root.GetRawText()), errors);
    }

    private static (string? Handle, string? Name, long? Reach) ParseAuthor(JsonElement root, Action<string, string> fail)
    {
        if (!root.TryGetProperty("author", out JsonElement author) || author.ValueKind != JsonValueKind.Object)
        {
            fail("author", "The author is required: {\"handle\", \"name\"?, \"reach\"?}.");
            return (null, null, null);
        }

        RequestFields.RejectUnknown(author, AuthorFields, fail, "author.");

        string? handle = RequestFields.RequiredString(author, "handle", fail, "author.");
        if (handle is { Length: 0 or > 200 })
        {
            fail("author.handle", "The handle must have 1 to 200 characters.");
            handle = null;
        }

        string? name = RequestFields.OptionalString(author, "name", fail, "author.");
        long? reach = null;
        if (author.TryGetProperty("reach", out JsonElement r) && r.ValueKind != JsonValueKind.Null)
        {
            if (r.ValueKind == JsonValueKind.Number && r.TryGetInt64(out long value) && value >= 0)
            {
                reach = value;
            }
            else
            {
                fail("author.reach", "author.reach must be a whole number, 0 or more.");
            }
        }

        return (handle, name, reach);
    }
}
