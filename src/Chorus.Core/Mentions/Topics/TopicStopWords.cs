using System.Collections.Frozen;
using System.Text;
using Lucene.Net.Analysis.Ca;
using Lucene.Net.Analysis.Da;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Eu;
using Lucene.Net.Analysis.Fi;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Ga;
using Lucene.Net.Analysis.Hu;
using Lucene.Net.Analysis.Hy;
using Lucene.Net.Analysis.It;
using Lucene.Net.Analysis.Nl;
using Lucene.Net.Analysis.No;
using Lucene.Net.Analysis.Pt;
using Lucene.Net.Analysis.Ro;
using Lucene.Net.Analysis.Ru;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Sv;
using Lucene.Net.Analysis.Tr;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Chorus.Mentions.Topics;

/// <summary>
/// The stop words of each language a <see cref="Posts.Policy.Stemmer"/> exists for, as Lucene.Net ships them: each
/// language analyzer's default set, and for English Snowball's list (about 170 words: "i", "we", "have", "been"...),
/// because Lucene's English default (33 words) keeps pronouns and auxiliaries, which would make "we" a topic.
/// </summary>
internal static class TopicStopWords
{
    private static readonly Lazy<FrozenDictionary<string, CharArraySet>> ByLanguage = new(Load);

    /// <summary>Returns the stop words of a stemmer's language (its ISO 639-1 code); an empty set for none.</summary>
    public static CharArraySet For(string language)
        => ByLanguage.Value.TryGetValue(language, out CharArraySet? set) ? set : CharArraySet.Empty;

    private static FrozenDictionary<string, CharArraySet> Load()
    {
        CharArraySet english = WordlistLoader.GetSnowballWordSet(
            IOUtils.GetDecodingReader(typeof(SnowballFilter), "english_stop.txt", Encoding.UTF8),
            LuceneVersion.LUCENE_48);
        return new Dictionary<string, CharArraySet>(StringComparer.OrdinalIgnoreCase)
        {
            ["ca"] = CatalanAnalyzer.DefaultStopSet,
            ["da"] = DanishAnalyzer.DefaultStopSet,
            ["de"] = GermanAnalyzer.DefaultStopSet,
            ["en"] = english,
            ["es"] = SpanishAnalyzer.DefaultStopSet,
            ["eu"] = BasqueAnalyzer.DefaultStopSet,
            ["fi"] = FinnishAnalyzer.DefaultStopSet,
            ["fr"] = FrenchAnalyzer.DefaultStopSet,
            ["ga"] = IrishAnalyzer.DefaultStopSet,
            ["hu"] = HungarianAnalyzer.DefaultStopSet,
            ["hy"] = ArmenianAnalyzer.DefaultStopSet,
            ["it"] = ItalianAnalyzer.DefaultStopSet,
            ["nb"] = NorwegianAnalyzer.DefaultStopSet,
            ["nl"] = DutchAnalyzer.DefaultStopSet,
            ["nn"] = NorwegianAnalyzer.DefaultStopSet,
            ["no"] = NorwegianAnalyzer.DefaultStopSet,
            ["pt"] = PortugueseAnalyzer.DefaultStopSet,
            ["ro"] = RomanianAnalyzer.DefaultStopSet,
            ["ru"] = RussianAnalyzer.DefaultStopSet,
            ["sv"] = SwedishAnalyzer.DefaultStopSet,
            ["tr"] = TurkishAnalyzer.DefaultStopSet,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
