using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Chorus.Posts.Policy;

namespace Chorus.Mentions.Triage;

/// <summary>
/// The urgent and team terms of one <see cref="TriageOptions"/>, folded and stemmed once per language and kept for as
/// long as those options are (options are not changed once bound; a configuration reload binds new ones). A mention's
/// terms are matched with the stemmer of its language (<see cref="Stemmer.For"/>: English when it has none, none at
/// all for a language Snowball lacks, where terms match only as written).
/// </summary>
internal sealed class TriageTerms
{
    private static readonly ConditionalWeakTable<TriageOptions, TriageTerms> ByOptions = new();

    // Keyed by the urgent list and the stemmer's language, never by the mention's own tag: tags come from outside,
    // and there are only as many of these as lists times stemmers.
    private readonly ConcurrentDictionary<(string List, string? Stemmer), LanguageTerms> _byLanguage = new();

    /// <summary>Returns the matchers for a mention in <paramref name="language"/>.</summary>
    public static LanguageTerms For(TriageOptions options, string? language)
    {
        ArgumentNullException.ThrowIfNull(options);
        TriageTerms terms = ByOptions.GetValue(options, _ => new TriageTerms());
        Stemmer? stemmer = Stemmer.For(language);
        string list = options.UrgentListFor(language);
        return terms._byLanguage.GetOrAdd((list, stemmer?.Language), key => new LanguageTerms(
            new TermMatcher(options.UrgentTermsFor(key.List), stemmer),
            [.. options.Teams.Select(team => new TermMatcher(team.Terms, stemmer))]));
    }
}

/// <summary>The matchers for one language: the urgent terms, and each team's terms in <see cref="TriageOptions.Teams"/> order.</summary>
internal sealed record LanguageTerms(TermMatcher Urgent, IReadOnlyList<TermMatcher> Teams);
