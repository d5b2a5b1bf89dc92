using System.Globalization;
using Microsoft.Extensions.Options;

namespace Chorus.Posts.Policy;

/// <summary>Checks <see cref="PolicyOptions"/> at start-up, with one message per problem naming the setting to fix.</summary>
internal sealed class PolicyOptionsValidator : IValidateOptions<PolicyOptions>
{
    private const string Prefix = PolicyOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [.. Check(options)];
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Returns one message per problem, each naming the configuration key to fix.</summary>
    internal static IEnumerable<string> Check(PolicyOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CompanyName) || options.CompanyTag.Length == 0)
        {
            yield return $"{Prefix}CompanyName must contain letters or digits (got '{options.CompanyName}'): posts that mention it need a "
                + $"disclosure, and the default disclosure tag #{PolicyOptions.CompanyNamePlaceholder}Employee is built from it.";
        }

        foreach (string failure in Terms(options.ProductNames, "ProductNames", "a product name"))
        {
            yield return failure;
        }

        foreach (string failure in Terms(options.BannedTerms, "BannedTerms", "a word or phrase"))
        {
            yield return failure;
        }

        foreach (string failure in Terms(options.ConfidentialTerms, "ConfidentialTerms", "an internal name"))
        {
            yield return failure;
        }

        foreach (string failure in Hashtags(options.DisclosureTags, "DisclosureTags"))
        {
            yield return failure;
        }

        foreach (string failure in Hashtags(options.VagueDisclosureTags, "VagueDisclosureTags"))
        {
            yield return failure;
        }

        if (options.DisclosureRequired && options.DisclosureTags is { Count: 0 })
        {
            yield return $"{Prefix}DisclosureTags is empty, so no post that mentions the company could ever pass. List the tags that "
                + $"count (e.g. #ad, #{PolicyOptions.CompanyNamePlaceholder}Employee), remove the setting to use those defaults, or set "
                + $"{Prefix}DisclosureRequired to false.";
        }

        HashSet<string> accepted = [.. options.EffectiveDisclosureTags.Select(TermMatcher.Fold)];
        foreach (string tag in options.EffectiveVagueDisclosureTags.Where(tag => accepted.Contains(TermMatcher.Fold(tag))))
        {
            yield return $"'{tag}' is in both {Prefix}DisclosureTags and {Prefix}VagueDisclosureTags; a tag either discloses clearly "
                + "or it does not, so remove it from one of them.";
        }

        if (options.DisclosureSeverity is not (FindingSeverity.Warn or FindingSeverity.Block))
        {
            yield return $"{Prefix}DisclosureSeverity must be Warn or Block (got '{options.DisclosureSeverity}'): an employee's undisclosed "
                + "endorsement of the employer breaks the FTC Endorsement Guides and the UK CAP Code, so it cannot be mere advice. "
                + $"To turn the check off, set {Prefix}DisclosureRequired to false.";
        }

        foreach (string failure in Hosts(options.AllowedLinkDomains, "AllowedLinkDomains"))
        {
            yield return failure;
        }

        foreach (string failure in Hosts(options.UrlShorteners, "UrlShorteners"))
        {
            yield return failure;
        }

        if (options.MaxLengthOther < 1)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{Prefix}MaxLengthOther must be at least 1 character (got {options.MaxLengthOther}).");
        }

        if (!(options.NegativeSentimentThreshold is >= -1 and <= 1))
        {
            yield return string.Create(
                CultureInfo.InvariantCulture,
                $"{Prefix}NegativeSentimentThreshold must be between -1 and 1, the range of a compound sentiment score (got {options.NegativeSentimentThreshold}).");
        }

        foreach (string failure in RealityCheckOptionsValidator.Check(options.RealityCheck))
        {
            yield return failure;
        }
    }

    private static IEnumerable<string> Terms(IReadOnlyList<string>? terms, string key, string what)
    {
        for (int i = 0; i < (terms?.Count ?? 0); i++)
        {
            string? term = terms![i];
            if (term is null || !term.Any(char.IsLetterOrDigit))
            {
                yield return string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Prefix}{key}:{i} must be {what} with at least one letter or digit (got '{term}'); remove the entry if it is not needed.");
            }
        }
    }

    private static IEnumerable<string> Hashtags(IReadOnlyList<string>? tags, string key)
    {
        for (int i = 0; i < (tags?.Count ?? 0); i++)
        {
            string? tag = tags![i]?.Trim();
            if (tag is null || tag.Length < 2 || tag[0] != '#' || !tag.Skip(1).Any(char.IsLetterOrDigit) || tag.Any(char.IsWhiteSpace))
            {
                yield return string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Prefix}{key}:{i} must be a hashtag such as '#ad' or '#{PolicyOptions.CompanyNamePlaceholder}Employee' (got '{tags[i]}').");
            }
        }
    }

    private static IEnumerable<string> Hosts(IReadOnlyList<string>? hosts, string key)
    {
        for (int i = 0; i < (hosts?.Count ?? 0); i++)
        {
            string? host = hosts![i]?.Trim().TrimEnd('.');
            if (string.IsNullOrEmpty(host) || Uri.CheckHostName(host) == UriHostNameType.Unknown)
            {
                yield return string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Prefix}{key}:{i} must be a host name such as 'chorus.com', without a scheme or path; subdomains are included (got '{hosts[i]}').");
            }
        }
    }
}
