using System.Globalization;
using System.Text.RegularExpressions;

namespace Chorus.Posts;

/// <summary>
/// Post ids are made by the server: the UTC submission day and a random part, <c>yyyyMMdd-{32 hex}</c>. The day in
/// the id lets any part of the system find the post's artefact folder from the id alone.
/// </summary>
public static partial class PostIds
{
    /// <summary>Makes a new id for a post submitted at <paramref name="submittedAt"/>.</summary>
    public static string New(DateTimeOffset submittedAt)
        => submittedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// The id of a post made on the server's own initiative (a reply written on a mention's approval page): the day,
    /// then a hash of <paramref name="key"/>, so a retried request that names the same key and day makes the same post
    /// rather than a second one.
    /// </summary>
    public static string Derived(DateTimeOffset day, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
        return day.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(hash)[..32];
    }

    /// <summary>Whether a string is a well-formed post id; anything else from a caller is refused.</summary>
    public static bool IsValid(string? postId) => postId is not null && Shape().IsMatch(postId) && TryGetDay(postId, out _);

    /// <summary>The submission day encoded in a post id.</summary>
    public static bool TryGetDay(string postId, out DateTimeOffset day)
    {
        day = default;
        return postId.Length >= 8
            && DateTime.TryParseExact(postId[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTime parsed)
            && (day = new DateTimeOffset(parsed, TimeSpan.Zero)) != default;
    }

    [GeneratedRegex("^[0-9]{8}-[0-9a-f]{32}$")]
    private static partial Regex Shape();
}
