using System.Security.Cryptography;
using System.Text;
using Chorus.Posts.Policy;

namespace Chorus.Mentions.Alerts;

/// <summary>
/// One watched series: a source's mentions as a whole (<see cref="Term"/> null) or those matching one tracked term.
/// <see cref="TermKey"/> names it in table keys, artefact paths and alert ids: <c>all</c>, the folded term when it is
/// plain letters and digits ("refund"), else its letters and digits with a short hash of the folded term
/// ("data-breach-3f2a1c"), so two terms never share a key and a key is always a safe path segment.
/// </summary>
public sealed record AlertSeries(string Source, string? Term)
{
    /// <summary>The key of a source's whole series.</summary>
    public const string AllKey = "all";

    /// <summary>Gets the series' term key.</summary>
    public string TermKey { get; } = Term is null ? AllKey : KeyOf(Term) ?? throw new ArgumentException($"The term '{Term}' has no letters or digits.", nameof(Term));

    /// <summary>Gets the series' key: <c>{source}.{term key}</c>.</summary>
    public string Key => $"{Source}.{TermKey}";

    /// <summary>Gets how the series is named to people: "refund on mastodon", "all mentions on mastodon".</summary>
    public string Title => Term is null ? $"all mentions on {Source}" : $"\"{Term}\" on {Source}";

    /// <summary>The term key of a term, or null when it folds to no letters or digits.</summary>
    public static string? KeyOf(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        string folded = TermMatcher.Fold(term);
        StringBuilder slug = new(folded.Length);
        foreach (char c in folded)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        string plain = slug.ToString().Trim('-');
        if (plain.Length > 40)
        {
            plain = plain[..40].TrimEnd('-');
        }

        if (plain == folded && plain != AllKey)
        {
            return plain;
        }

        if (!folded.Any(char.IsLetterOrDigit))
        {
            return null;
        }

        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(folded)))[..6];
        return plain.Length == 0 ? hash : $"{plain}-{hash}";
    }
}
