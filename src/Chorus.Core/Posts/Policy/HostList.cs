using System.Collections.Frozen;
using System.Globalization;

namespace Chorus.Posts.Policy;

/// <summary>
/// A set of host names that also covers their subdomains: "chorus.com" matches "chorus.com" and "jobs.chorus.com",
/// never "notchorus.com" or "chorus.com.evil.io". Hosts compare in their ASCII (punycode) form, so a look-alike
/// such as "chοrus.com" with a Greek omicron is a different host.
/// </summary>
internal sealed class HostList
{
    private readonly FrozenSet<string> _hosts;

    /// <summary>Normalises each of <paramref name="hosts"/>; blank entries are ignored (validation reports them).</summary>
    public HostList(IEnumerable<string> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        _hosts = hosts.Select(Normalize).Where(host => host.Length > 0).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Gets a value indicating whether the list is empty.</summary>
    public bool IsEmpty => _hosts.Count == 0;

    /// <summary>Returns a host in the form the list compares: lower-case ASCII, punycode for international names, no trailing dot.</summary>
    public static string Normalize(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        string trimmed = host.Trim().TrimEnd('.');
        if (trimmed.Length == 0)
        {
            return string.Empty;
        }

        try
        {
            return new IdnMapping().GetAscii(trimmed).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            // Not a valid international name; it can still be compared as written.
            return trimmed.ToLowerInvariant();
        }
    }

    /// <summary>Returns whether <paramref name="uri"/>'s host is on the list or below a host on the list.</summary>
    public bool Contains(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return Contains(Normalize(uri.IdnHost));
    }

    private bool Contains(string host)
    {
        FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup = _hosts.GetAlternateLookup<ReadOnlySpan<char>>();
        ReadOnlySpan<char> candidate = host;
        while (true)
        {
            if (lookup.Contains(candidate))
            {
                return true;
            }

            int dot = candidate.IndexOf('.');
            if (dot < 0)
            {
                return false;
            }

            candidate = candidate[(dot + 1)..];
        }
    }
}
