using System.Globalization;

namespace Chorus.Posts.Policy;

/// <summary>Checks <see cref="RealityCheckOptions"/>, one message per problem naming the setting (called by <see cref="PolicyOptionsValidator"/>).</summary>
internal static class RealityCheckOptionsValidator
{
    /// <summary>Beyond a month, a window reads more hourly rows per topic than a post's check should wait for.</summary>
    internal static readonly TimeSpan MaxWindow = TimeSpan.FromDays(30);

    private const string Prefix = PolicyOptions.SectionName + ":RealityCheck:";

    /// <summary>Returns one message per problem, each naming the configuration key to fix.</summary>
    public static IEnumerable<string> Check(RealityCheckOptions? options)
    {
        if (options is null)
        {
            yield break;
        }

        if (options.Window < TimeSpan.FromHours(1) || options.Window > MaxWindow)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{Prefix}Window must be between 01:00:00 (one hour) and 30.00:00:00 (30 days); complaints are counted by the hour (got {options.Window}).");
        }

        if (options.MinMentions is < 1 or > 1_000_000)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{Prefix}MinMentions must be between 1 and 1,000,000 negative mentions (got {options.MinMentions}).");
        }

        IReadOnlyList<string> languages = options.EffectiveLanguages;
        if (languages.Count == 0)
        {
            yield return $"{Prefix}Languages must name at least one language, or be removed to read posts in English.";
        }

        for (int i = 0; i < languages.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(languages[i]) || Stemmer.For(languages[i]) is null)
            {
                yield return string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Prefix}Languages:{i} must be a language with a stemmer ({string.Join(", ", Stemmer.Languages)}); got '{languages[i]}'.");
            }
        }

        for (int i = 0; i < options.IgnoredTerms.Count; i++)
        {
            if (options.IgnoredTerms[i] is not { } term || !term.Any(char.IsLetterOrDigit))
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{Prefix}IgnoredTerms:{i} must be a word or phrase with at least one letter or digit (got '{options.IgnoredTerms[i]}').");
            }
        }
    }
}
