namespace Chorus.Posts.Policy;

/// <summary>
/// A link found in a post: where it is, what it says, and the address it parses to (null when it does not parse).
/// <paramref name="HasScheme"/> is false for a bare domain such as "chorus.com/jobs", which platforms link too.
/// </summary>
internal sealed record FoundUrl(TextRange Range, string Text, bool HasScheme, Uri? Uri)
{
    /// <summary>Gets a value indicating whether the link is well formed: an absolute http(s) address with a host.</summary>
    public bool IsWellFormed => Uri is not null;

    /// <summary>
    /// Gets a value indicating whether platforms turn it into a link (and count it as 23 characters on X and
    /// Mastodon): well formed, with a host under a real top-level domain.
    /// </summary>
    public bool IsAutoLinked => Uri is { } uri && HasKnownTopLevelDomain(uri);

    private static bool HasKnownTopLevelDomain(Uri uri)
    {
        if (uri.HostNameType != UriHostNameType.Dns)
        {
            return false;
        }

        ReadOnlySpan<char> host = uri.IdnHost.AsSpan().TrimEnd('.');
        int dot = host.LastIndexOf('.');
        return dot > 0 && TopLevelDomains.Contains(host[(dot + 1)..]);
    }
}
