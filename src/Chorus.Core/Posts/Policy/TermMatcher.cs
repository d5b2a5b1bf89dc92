using System.Text;

namespace Chorus.Posts.Policy;

/// <summary>
/// Finds configured terms (words, phrases, hashtags) in a post as whole words, ignoring case and accents, so
/// "Projet Zèbre" matches "PROJET ZEBRE" and "projet  zèbre", and "ass" does not match "class". Each term is
/// found with an ordinal search over the folded text: linear in the text for each term, with no regular expression
/// that untrusted input could make backtrack.
/// </summary>
/// <remarks>
/// Given a <see cref="Stemmer"/>, a term made only of words (letters and digits, one space between them) also matches
/// other forms of those words, word by word: with English, "cancel" matches "cancelling" and "cancellation", and
/// "charged twice" matches "charges twice", because each word's stem equals the term word's stem (or, as without a
/// stemmer, its folded spelling). A term with anything else in it ("#ad", "C++", "e-mail") matches as written. The
/// terms are folded and stemmed once, here; a text's words are stemmed once per text.
/// </remarks>
internal sealed class TermMatcher
{
    private readonly FoldedTerm[] _terms;
    private readonly StemmedTerm[] _stemmedTerms;
    private readonly Stemmer? _stemmer;

    /// <summary>Folds and de-duplicates <paramref name="terms"/>; terms that fold to nothing are ignored (validation reports them).</summary>
    public TermMatcher(IEnumerable<string> terms, Stemmer? stemmer = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        _stemmer = stemmer;
        Dictionary<string, string> byFolded = new(StringComparer.Ordinal);
        foreach (string term in terms)
        {
            string folded = Fold(term);
            if (folded.Length > 0)
            {
                byFolded.TryAdd(folded, term.Trim());
            }
        }

        List<FoldedTerm> exact = [];
        List<StemmedTerm> stemmed = [];
        foreach ((string folded, string configured) in byFolded)
        {
            if (stemmer is not null && StemmedTerm.TryCreate(configured, stemmer) is { } words)
            {
                stemmed.Add(words);
            }
            else
            {
                exact.Add(new FoldedTerm(folded, configured));
            }
        }

        _terms = [.. exact];
        _stemmedTerms = [.. stemmed];
    }

    /// <summary>Gets a value indicating whether there is nothing to look for.</summary>
    public bool IsEmpty => _terms.Length == 0 && _stemmedTerms.Length == 0;

    /// <summary>Folds a term the way <see cref="FoldedText"/> folds a post, without the white space at either end.</summary>
    public static string Fold(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return FoldedText.Fold(term).Value.Trim(' ');
    }

    /// <summary>Returns every whole-word occurrence of every term, term by term, each in text order.</summary>
    public IEnumerable<TermMatch> Matches(FoldedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (FoldedTerm term in _terms)
        {
            int from = 0;
            while (Next(text.Value, term, from) is int hit)
            {
                yield return new TermMatch(text.ToOriginal(hit, term.Folded.Length), term.Configured);
                from = hit + term.Folded.Length;
            }
        }

        foreach (StemmedTerm term in _stemmedTerms)
        {
            StemmedWord[] words = text.WordsStemmedBy(_stemmer!);
            int from = 0;
            while (term.Next(text.Value, words, from) is int hit)
            {
                yield return term.At(text, words, hit);
                from = hit + term.Length;
            }
        }
    }

    /// <summary>Returns the first occurrence of any term in text order, or null.</summary>
    public TermMatch? First(FoldedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        TermMatch? first = null;
        foreach (FoldedTerm term in _terms)
        {
            if (Next(text.Value, term, 0) is int hit && (first is null || text.ToOriginal(hit, term.Folded.Length).Start < first.Value.Range.Start))
            {
                first = new TermMatch(text.ToOriginal(hit, term.Folded.Length), term.Configured);
            }
        }

        foreach (StemmedTerm term in _stemmedTerms)
        {
            StemmedWord[] words = text.WordsStemmedBy(_stemmer!);
            if (term.Next(text.Value, words, 0) is int hit && term.At(text, words, hit) is var match && (first is null || match.Range.Start < first.Value.Range.Start))
            {
                first = match;
            }
        }

        return first;
    }

    private static int? Next(string text, FoldedTerm term, int from)
    {
        ReadOnlySpan<char> span = text;
        while (from <= span.Length - term.Folded.Length)
        {
            int offset = span[from..].IndexOf(term.Folded, StringComparison.Ordinal);
            if (offset < 0)
            {
                return null;
            }

            int hit = from + offset;
            if (IsWholeWord(span, hit, term))
            {
                return hit;
            }

            from = hit + 1;
        }

        return null;
    }

    private static bool IsWholeWord(ReadOnlySpan<char> text, int hit, FoldedTerm term)
    {
        int end = hit + term.Folded.Length;
        return !(term.StartsInWord && TextChars.RuneBefore(text, hit) is { } before && TextChars.IsSpacedWordChar(before))
            && !(term.EndsInWord && end < text.Length && TextChars.IsSpacedWordChar(TextChars.RuneAt(text, end, out _)));
    }

    /// <summary>A term of words only, matched word by word by stem or by folded spelling.</summary>
    private sealed class StemmedTerm
    {
        private readonly string[] _folded;
        private readonly string[] _stems;

        private StemmedTerm(string[] folded, string[] stems, string configured)
        {
            _folded = folded;
            _stems = stems;
            Configured = configured;
        }

        public string Configured { get; }

        /// <summary>Gets the number of words.</summary>
        public int Length => _stems.Length;

        /// <summary>Returns the term's words, or null when it holds anything but words with one space between them.</summary>
        public static StemmedTerm? TryCreate(string configured, Stemmer stemmer)
        {
            FoldedText term = FoldedText.Fold(configured);
            StemmedWord[] words = stemmer.Words(term);
            string value = term.Value;
            int expected = value.Length - value.TrimStart(' ').Length;
            foreach (StemmedWord word in words)
            {
                if (word.Start != expected)
                {
                    return null;
                }

                expected = word.End + 1;
            }

            return words.Length == 0 || words[^1].End != value.TrimEnd(' ').Length
                ? null
                : new StemmedTerm([.. words.Select(w => value.Substring(w.Start, w.Length))], [.. words.Select(w => w.Stem)], configured);
        }

        /// <summary>Returns the index of the first word at or after <paramref name="from"/> where the term starts, or null.</summary>
        public int? Next(string text, StemmedWord[] words, int from)
        {
            for (int i = from; i <= words.Length - _stems.Length; i++)
            {
                if (MatchesAt(text, words, i))
                {
                    return i;
                }
            }

            return null;
        }

        /// <summary>Returns the match that starts at word <paramref name="index"/>, as written.</summary>
        public TermMatch At(FoldedText text, StemmedWord[] words, int index)
        {
            StemmedWord last = words[index + _stems.Length - 1];
            return new TermMatch(text.ToOriginal(words[index].Start, last.End - words[index].Start), Configured);
        }

        private bool MatchesAt(string text, StemmedWord[] words, int index)
        {
            for (int k = 0; k < _stems.Length; k++)
            {
                StemmedWord word = words[index + k];

                // The words of a phrase follow one another with one space between them, as in a folded term.
                if (k > 0 && (word.Start != words[index + k - 1].End + 1 || text[word.Start - 1] != ' '))
                {
                    return false;
                }

                if (word.Stem != _stems[k] && !text.AsSpan(word.Start, word.Length).SequenceEqual(_folded[k]))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private sealed class FoldedTerm
    {
        public FoldedTerm(string folded, string configured)
        {
            Folded = folded;
            Configured = configured;
            ReadOnlySpan<char> span = folded;
            Rune first = TextChars.RuneAt(span, 0, out _);
            StartsInWord = TextChars.IsSpacedWordChar(first) || first.Value is '#' or '@';
            EndsInWord = TextChars.RuneBefore(span, span.Length) is { } last && TextChars.IsSpacedWordChar(last);
        }

        public string Folded { get; }

        public string Configured { get; }

        // A term that starts or ends in a letter of a spaced script needs a word boundary on that side, unless the text
        // next to it is unspaced (Chinese, Japanese, Thai); so does a hashtag or mention, which only starts a word
        // ("x#ad" is no hashtag). Other symbols ("C++") need none.
        public bool StartsInWord { get; }

        public bool EndsInWord { get; }
    }
}
