using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Chorus.Posts.Policy;

/// <summary>
/// Reduces the words of one language to their Snowball stems (Lucene.Net's port of the Snowball stemmers), so that a
/// term matches the other forms of its words: in English "cancelling", "cancelled", "cancels" and "cancellation" all
/// stem to "cancel", "refunded" and "refundable" to "refund". A stemmer only strips endings by its language's rules: it
/// knows no meanings, so it joins some related words and leaves others apart ("fraudulent" stems to "fraudul", not
/// "fraud"; German "gekündigt" keeps its "ge-"), and short words stem unevenly ("sue" stays "sue", "sued" becomes "su").
/// </summary>
/// <remarks>
/// Each word is stemmed as written, lower-cased, so the stemmer sees its accents ("annulée" stems to "annul"); the stem is
/// then folded as <see cref="FoldedText"/> folds a text. Snowball's programs keep state while they stem, so each call
/// that stems a text or a term makes its own; this type itself is immutable and shared.
/// </remarks>
internal sealed class Stemmer
{
    // ISO 639-1 codes of the languages Snowball (as Lucene.Net 4.8 ships it) has a stemmer for.
    private static readonly FrozenDictionary<string, Stemmer> ByLanguage = new Dictionary<string, Stemmer>(StringComparer.OrdinalIgnoreCase)
    {
        ["ca"] = new("ca", () => new CatalanStemmer()),
        ["da"] = new("da", () => new DanishStemmer()),
        ["de"] = new("de", () => new GermanStemmer()),
        ["en"] = new("en", () => new EnglishStemmer()),
        ["es"] = new("es", () => new SpanishStemmer()),
        ["eu"] = new("eu", () => new BasqueStemmer()),
        ["fi"] = new("fi", () => new FinnishStemmer()),
        ["fr"] = new("fr", () => new FrenchStemmer()),
        ["ga"] = new("ga", () => new IrishStemmer()),
        ["hu"] = new("hu", () => new HungarianStemmer()),
        ["hy"] = new("hy", () => new ArmenianStemmer()),
        ["it"] = new("it", () => new ItalianStemmer()),
        ["nb"] = new("nb", () => new NorwegianStemmer()),
        ["nl"] = new("nl", () => new DutchStemmer()),
        ["nn"] = new("nn", () => new NorwegianStemmer()),
        ["no"] = new("no", () => new NorwegianStemmer()),
        ["pt"] = new("pt", () => new PortugueseStemmer()),
        ["ro"] = new("ro", () => new RomanianStemmer()),
        ["ru"] = new("ru", () => new RussianStemmer()),
        ["sv"] = new("sv", () => new SwedishStemmer()),
        ["tr"] = new("tr", () => new TurkishStemmer()),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, Stemmer>.AlternateLookup<ReadOnlySpan<char>> ByLanguageSpan =
        ByLanguage.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly Func<SnowballProgram> _create;

    private Stemmer(string language, Func<SnowballProgram> create)
    {
        Language = language;
        _create = create;
    }

    /// <summary>Gets the language's ISO 639-1 code.</summary>
    public string Language { get; }

    /// <summary>Gets the languages there is a stemmer for.</summary>
    public static IEnumerable<string> Languages => ByLanguage.Keys.Order(StringComparer.Ordinal);

    /// <summary>
    /// Returns the stemmer for a language tag ("en", "pt-BR", "de_AT"): English when there is no tag (or "und", not
    /// determined), null for a language Snowball has no stemmer for (Japanese, Polish, ...), whose terms match as written.
    /// </summary>
    public static Stemmer? For(string? language)
    {
        ReadOnlySpan<char> tag = language.AsSpan().Trim();
        int end = tag.IndexOfAny('-', '_');
        ReadOnlySpan<char> primary = end < 0 ? tag : tag[..end];
        if (primary.IsEmpty || primary.Equals("und", StringComparison.OrdinalIgnoreCase))
        {
            return ByLanguage["en"];
        }

        return ByLanguageSpan.TryGetValue(primary, out Stemmer? stemmer) ? stemmer : null;
    }

    /// <summary>
    /// Returns the words of <paramref name="text"/> with their stems, in text order. A word is a run of letters, digits
    /// and '_' of a script written with spaces (with any marks on them), as <see cref="TermMatcher"/> reads word
    /// boundaries; its position is in the folded text.
    /// </summary>
    public StemmedWord[] Words(FoldedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ReadOnlySpan<char> folded = text.Value;
        List<StemmedWord> words = [];
        SnowballProgram? program = null;
        char[] buffer = new char[32];
        int i = 0;
        while (i < folded.Length)
        {
            if (!TextChars.IsSpacedWordChar(TextChars.RuneAt(folded, i, out int length)))
            {
                i += length;
                continue;
            }

            int start = i;
            i += length;
            while (i < folded.Length && TextChars.RuneAt(folded, i, out length) is var next && (TextChars.IsSpacedWordChar(next) || TextChars.IsMark(next)))
            {
                i += length;
            }

            TextRange written = text.ToOriginal(start, i - start);
            program ??= _create();
            words.Add(new StemmedWord(start, i - start, Stem(program, text.Original.AsSpan(written.Start, written.Length), ref buffer)));
        }

        return [.. words];
    }

    private static string Stem(SnowballProgram program, ReadOnlySpan<char> written, ref char[] buffer)
    {
        // Lower-cased as written, less the invisible characters folding also drops (a soft hyphen, a zero-width space).
        if (buffer.Length < written.Length * 2)
        {
            buffer = new char[Math.Max(written.Length * 2, buffer.Length * 2)];
        }

        int length = 0;
        bool ascii = true;
        foreach (Rune rune in written.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format)
            {
                Rune lower = Rune.ToLowerInvariant(rune);
                ascii &= lower.IsAscii;
                length += lower.EncodeToUtf16(buffer.AsSpan(length));
            }
        }

        if (ascii)
        {
            // The program stems in place in the array it is given.
            program.SetCurrent(buffer, length);
            program.Stem();
            return new string(program.CurrentBuffer, 0, program.CurrentBufferLength);
        }

        program.SetCurrent(new string(buffer, 0, length).Normalize(NormalizationForm.FormC));
        program.Stem();
        return FoldedText.Fold(program.Current).Value;
    }
}

/// <summary>A word of a <see cref="FoldedText"/>: where it is in the folded text, and its stem (folded).</summary>
internal readonly record struct StemmedWord(int Start, int Length, string Stem)
{
    /// <summary>Gets the index just past the word in the folded text.</summary>
    public int End => Start + Length;
}
