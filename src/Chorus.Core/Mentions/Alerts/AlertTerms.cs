using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Chorus.Posts.Policy;

namespace Chorus.Mentions.Alerts;

/// <summary>
/// The tracked terms of one <see cref="AlertOptions"/>, one matcher per term, folded and stemmed once per stemmer
/// language and kept as long as the options are, as <see cref="Triage.TriageTerms"/> keeps the triage terms: a term
/// matches the other forms of its words in the mention's language ("refund" matches "refunded").
/// </summary>
internal sealed class AlertTerms
{
    private static readonly ConditionalWeakTable<AlertOptions, AlertTerms> ByOptions = new();

    private readonly ConcurrentDictionary<string, TermMatcher[]> _byStemmer = new(StringComparer.Ordinal);

    /// <summary>Returns the tracked terms (in <see cref="AlertOptions.Terms"/> order) that <paramref name="text"/> contains.</summary>
    public static IEnumerable<string> Matching(AlertOptions options, FoldedText text, string? language)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Terms.Count == 0)
        {
            yield break;
        }

        Stemmer? stemmer = Stemmer.For(language);
        TermMatcher[] matchers = ByOptions.GetValue(options, _ => new AlertTerms())._byStemmer.GetOrAdd(
            stemmer?.Language ?? string.Empty,
            _ => [.. options.Terms.Select(term => new TermMatcher([term], stemmer))]);
        for (int i = 0; i < matchers.Length; i++)
        {
            if (matchers[i].First(text) is not null)
            {
                yield return options.Terms[i];
            }
        }
    }
}
