using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Chorus.Posts.Publishing;

namespace Chorus.Infrastructure.Publishing;

/// <summary>
/// The rich-text facets of a Bluesky post: a <c>link</c> for each link the networks link (<see cref="TextLink"/>) and a
/// <c>mention</c> for each <c>@handle</c> that resolves to a DID. Bluesky indexes facets in UTF-8 bytes, not
/// characters: each range is snapped to whole graphemes (an emoji, a letter with its combining marks) and then
/// counted in the bytes of the text before it.
/// </summary>
internal static partial class BlueskyFacets
{
    /// <summary>A facet before it is resolved: its range in UTF-16 code units, and the link or handle.</summary>
    internal sealed record Span(int Start, int End, Uri? Link, string? Handle);

    /// <summary>The links and handle mentions in <paramref name="text"/>, in text order, snapped to graphemes.</summary>
    public static IReadOnlyList<Span> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<Span> spans = [.. TextLink.Find(text).Select(link => new Span(link.Start, link.Start + link.Length, link.Uri, null))];
        foreach (Match match in Mention().Matches(text))
        {
            Group handle = match.Groups["handle"];
            int start = handle.Index - 1;
            if (!spans.Any(s => s.Start < handle.Index + handle.Length && start < s.End))
            {
                spans.Add(new Span(start, handle.Index + handle.Length, null, handle.Value.TrimEnd('.').ToLowerInvariant()));
            }
        }

        int[] boundaries = GraphemeBoundaries(text);
        return [.. spans.OrderBy(s => s.Start).Select(s => s with { Start = Floor(boundaries, s.Start), End = Ceiling(boundaries, s.End) })];
    }

    /// <summary>
    /// Builds the <c>facets</c> array, handles resolved to DIDs by <paramref name="resolve"/> (null: not a Bluesky
    /// account, so no facet); null when there is none.
    /// </summary>
    public static async Task<JsonArray?> BuildAsync(string text, Func<string, Task<string?>> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        JsonArray facets = [];
        foreach (Span span in Find(text))
        {
            JsonObject feature;
            if (span.Link is { } link)
            {
                feature = new JsonObject { ["$type"] = "app.bsky.richtext.facet#link", ["uri"] = link.AbsoluteUri };
            }
            else if (await resolve(span.Handle!).ConfigureAwait(false) is { } did)
            {
                feature = new JsonObject { ["$type"] = "app.bsky.richtext.facet#mention", ["did"] = did };
            }
            else
            {
                continue;
            }

            facets.Add(new JsonObject
            {
                ["index"] = new JsonObject { ["byteStart"] = ByteOffset(text, span.Start), ["byteEnd"] = ByteOffset(text, span.End) },
                ["features"] = new JsonArray(feature),
            });
        }

        return facets.Count > 0 ? facets : null;
    }

    /// <summary>The UTF-8 byte offset of UTF-16 index <paramref name="index"/>.</summary>
    internal static int ByteOffset(string text, int index) => Encoding.UTF8.GetByteCount(text.AsSpan(0, index));

    /// <summary>Every index where a grapheme (extended grapheme cluster) starts, and the text's length.</summary>
    private static int[] GraphemeBoundaries(string text)
    {
        List<int> boundaries = [0];
        int at = 0;
        while (at < text.Length)
        {
            at += StringInfo.GetNextTextElementLength(text, at);
            boundaries.Add(at);
        }

        return [.. boundaries];
    }

    private static int Floor(int[] boundaries, int index)
    {
        int found = Array.BinarySearch(boundaries, index);
        return found >= 0 ? index : boundaries[~found - 1];
    }

    private static int Ceiling(int[] boundaries, int index)
    {
        int found = Array.BinarySearch(boundaries, index);
        return found >= 0 ? index : boundaries[~found];
    }

    /// <summary>Bluesky's own rule: <c>@</c> after the start, a space or an opening parenthesis, then a handle of two labels or more.</summary>
    [GeneratedRegex(@"(?<=^|\s|\()@(?<handle>[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+)(?![a-zA-Z0-9-])")]
    private static partial Regex Mention();
}
