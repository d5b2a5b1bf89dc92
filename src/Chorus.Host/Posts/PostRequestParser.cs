using System.Text.Json;
using Chorus.Host.Api;
using Chorus.Mail;
using Chorus.Posts;

namespace Chorus.Host.Posts;

/// <summary>
/// Turns a submission body into a post, or into the list of what is wrong with it, field by field. Strict: unknown
/// fields, wrong types and missing fields are all refused, so a client's typo is never silently dropped.
/// </summary>
internal sealed class PostRequestParser(PostApiOptions options)
{
    private static readonly HashSet<string> RootFields = ["author", "text", "channels", "links", "scheduledAt"];
    private static readonly HashSet<string> ReplyFields = ["author", "text"];
    private static readonly HashSet<string> AuthorFields = ["email", "displayName", "team"];

    public (PostRequest? Request, Dictionary<string, string[]> Errors) Parse(JsonElement root, DateTimeOffset now)
        => Read(root, RootFields, (author, text, fail) =>
        {
            List<Channel> channels = ParseChannels(root, fail);
            List<Uri> links = ParseLinks(root, fail);
            DateTimeOffset? scheduledAt = ParseScheduledAt(root, now, fail);
            return author is null || text is null ? null : new PostRequest(author, text, channels, links, scheduledAt);
        });

    /// <summary>Reads the body of a reply to a mention: its author and its text, under the rules of a post's.</summary>
    public (ReplyRequest? Request, Dictionary<string, string[]> Errors) ParseReply(JsonElement root)
        => Read(root, ReplyFields, (author, text, _) => author is null || text is null ? null : new ReplyRequest(author, text));

    /// <summary>What every body shares (an object, no unknown field, an author, a text), then what <paramref name="rest"/> reads.</summary>
    private (T? Request, Dictionary<string, string[]> Errors) Read<T>(JsonElement root, HashSet<string> fields, Func<PostAuthor?, string?, Action<string, string>, T?> rest)
        where T : class
    {
        Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);
        void Fail(string field, string message)
        {
            if (!errors.TryGetValue(field, out List<string>? list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            Fail("$", "The body must be a JSON object.");
            return (null, Flatten(errors));
        }

        RequestFields.RejectUnknown(root, fields, Fail);

        PostAuthor? author = ParseAuthor(root, Fail);
        string? text = RequestFields.RequiredString(root, "text", Fail);
        if (text is not null && PostText.Problem(text, options.MaxTextLength) is { } problem)
        {
            Fail("text", problem);
        }

        T? request = rest(author, text, Fail);
        return errors.Count > 0 || request is null ? (null, Flatten(errors)) : (request, []);
    }

    private static PostAuthor? ParseAuthor(JsonElement root, Action<string, string> fail)
    {
        if (!root.TryGetProperty("author", out JsonElement author))
        {
            fail("author", "The author is required: {\"email\", \"displayName\", \"team\"}.");
            return null;
        }

        if (author.ValueKind != JsonValueKind.Object)
        {
            fail("author", "The author must be an object with email, displayName and team.");
            return null;
        }

        RequestFields.RejectUnknown(author, AuthorFields, fail, "author.");

        string? email = RequestFields.RequiredString(author, "email", fail, "author.");
        string? name = RequestFields.RequiredString(author, "displayName", fail, "author.");
        string? team = RequestFields.RequiredString(author, "team", fail, "author.");
        if (email is not null && !EmailAddress.IsValid(email))
        {
            fail("author.email", $"'{Truncate(email)}' is not an email address.");
            email = null;
        }

        if (name is not null && (string.IsNullOrWhiteSpace(name) || name.Length > 100))
        {
            fail("author.displayName", "The display name must have 1 to 100 characters.");
            name = null;
        }

        if (team is not null && (string.IsNullOrWhiteSpace(team) || team.Length > 100))
        {
            fail("author.team", "The team must have 1 to 100 characters.");
            team = null;
        }

        return email is null || name is null || team is null ? null : new PostAuthor(email, name.Trim(), team.Trim());
    }

    private static List<Channel> ParseChannels(JsonElement root, Action<string, string> fail)
    {
        List<Channel> channels = [];
        if (!root.TryGetProperty("channels", out JsonElement array))
        {
            fail("channels", "At least one channel is required: x, bluesky, mastodon, linkedin or other.");
            return channels;
        }

        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            fail("channels", "Channels must be a non-empty array of: x, bluesky, mastodon, linkedin, other.");
            return channels;
        }

        int index = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !Enum.TryParse(item.GetString(), ignoreCase: true, out Channel channel) || int.TryParse(item.GetString(), out _))
            {
                fail($"channels[{index}]", $"Unknown channel {Truncate(item.GetRawText())}. Known: x, bluesky, mastodon, linkedin, other.");
            }
            else if (!channels.Contains(channel))
            {
                channels.Add(channel);
            }

            index++;
        }

        return channels;
    }

    private List<Uri> ParseLinks(JsonElement root, Action<string, string> fail)
    {
        List<Uri> links = [];
        if (!root.TryGetProperty("links", out JsonElement array) || array.ValueKind == JsonValueKind.Null)
        {
            return links;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            fail("links", "Links must be an array of absolute http or https URLs.");
            return links;
        }

        if (array.GetArrayLength() > options.MaxLinks)
        {
            fail("links", $"At most {options.MaxLinks} links are accepted.");
            return links;
        }

        int index = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: <= 2048 } value
                && Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                links.Add(uri);
            }
            else
            {
                fail($"links[{index}]", "Each link must be an absolute http or https URL of at most 2,048 characters.");
            }

            index++;
        }

        return links;
    }

    private static DateTimeOffset? ParseScheduledAt(JsonElement root, DateTimeOffset now, Action<string, string> fail)
    {
        if (!root.TryGetProperty("scheduledAt", out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !RequestFields.TryParseTime(value.GetString()!, out DateTimeOffset at))
        {
            fail("scheduledAt", "The scheduled time must be an RFC 3339 date and time with an offset, e.g. 2026-12-01T09:00:00Z.");
            return null;
        }

        if (at <= now)
        {
            fail("scheduledAt", "The scheduled time is in the past.");
            return null;
        }

        if (at > now.AddYears(1))
        {
            fail("scheduledAt", "The scheduled time is more than a year ahead; submit the post closer to its time.");
            return null;
        }

        return at;
    }

    private static string Truncate(string value) => value.Length > 64 ? value[..64] + "…" : value;

    private static Dictionary<string, string[]> Flatten(Dictionary<string, List<string>> errors)
        => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}

/// <summary>A reply to a mention that passed validation, before it gets an id.</summary>
internal sealed record ReplyRequest(PostAuthor Author, string Text);

/// <summary>A submission that passed validation, before it gets an id.</summary>
internal sealed record PostRequest(PostAuthor Author, string Text, IReadOnlyList<Channel> Channels, IReadOnlyList<Uri> Links, DateTimeOffset? ScheduledAt);
