using Chorus.Posts.Policy;

namespace Chorus.Posts.Publishing;

/// <summary>
/// A link in a post's text as the networks link it (the policy checks' own <c>UrlScanner</c> rules): where it is, in
/// UTF-16 code units, and the address it opens, <c>https://</c> added to a bare domain.
/// </summary>
public sealed record TextLink(int Start, int Length, Uri Uri)
{
    /// <summary>The links networks turn into links, in text order.</summary>
    public static IReadOnlyList<TextLink> Find(string text)
        => [.. UrlScanner.Find(text).Where(url => url.IsAutoLinked).Select(url => new TextLink(url.Range.Start, url.Range.Length, url.Uri!))];
}
