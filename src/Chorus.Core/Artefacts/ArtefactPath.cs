using System.Globalization;
using System.Text.RegularExpressions;

namespace Chorus.Artefacts;

/// <summary>
/// A checked blob path in the artefact container. Every segment is validated against a strict pattern, so a path can
/// never climb out of its folder or carry characters a caller smuggled in.
/// </summary>
public sealed partial record ArtefactPath
{
    private ArtefactPath(string value) => Value = value;

    /// <summary>Gets the path, '/'-separated, without a leading slash.</summary>
    public string Value { get; }

    /// <summary>Builds a path from segments; each must be 1-100 of [A-Za-z0-9._-] and not "." or "..".</summary>
    /// <exception cref="ArgumentException">A segment is not allowed.</exception>
    public static ArtefactPath Of(params string[] segments)
    {
        ArgumentOutOfRangeException.ThrowIfZero(segments.Length);
        foreach (string segment in segments)
        {
            if (!Segment().IsMatch(segment) || segment is "." or "..")
            {
                throw new ArgumentException($"'{segment}' is not an allowed artefact path segment.", nameof(segments));
            }
        }

        return new ArtefactPath(string.Join('/', segments));
    }

    /// <summary>The folder of a post: <c>posts/{yyyy}/{MM}/{dd}/{postId}</c>, dated by submission (UTC).</summary>
    public static ArtefactPath ForPost(string postId, DateTimeOffset submittedAt)
    {
        DateTime day = submittedAt.UtcDateTime;
        return Of("posts", day.ToString("yyyy", CultureInfo.InvariantCulture), day.ToString("MM", CultureInfo.InvariantCulture), day.ToString("dd", CultureInfo.InvariantCulture), postId);
    }

    /// <summary>The folder of a mention: <c>mentions/{source}/{yyyy}/{MM}/{dd}/{id}</c>.</summary>
    public static ArtefactPath ForMention(string source, string mentionId, DateTimeOffset seenAt)
    {
        DateTime day = seenAt.UtcDateTime;
        return Of("mentions", source, day.ToString("yyyy", CultureInfo.InvariantCulture), day.ToString("MM", CultureInfo.InvariantCulture), day.ToString("dd", CultureInfo.InvariantCulture), mentionId);
    }

    /// <summary>A path below this one.</summary>
    public ArtefactPath Child(params string[] segments) => Of([.. Value.Split('/'), .. segments]);

    /// <summary>Parses a stored path back (from a listing), validating it.</summary>
    public static ArtefactPath Parse(string value) => Of(value.Split('/'));

    /// <inheritdoc/>
    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex Segment();
}
