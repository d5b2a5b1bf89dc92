using System.Text;

namespace Chorus.Posts.Policy;

/// <summary>
/// Finds configured terms (words, phrases, hashtags) in a post as whole words, ignoring case and accents, so
/// "Projet Zèbre" matches "PROJET ZEBRE" and "projet  zèbre", and "ass" does not match "class". Each term is
/// found with an ordinal search over the folded text: linear in the text for each term, with no regular expression
/// that untrusted input could make backtrack.
/// </summary>
internal sealed class TermMatcher
{
    private readonly FoldedTerm[] _terms;

    /// <summary>Folds and de-duplicates <paramref name="terms"/>; terms that fold to nothing are ignored (validation reports them).</summary>
    public TermMatcher(IEnumerable<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        Dictionary<string, string> byFolded = new(StringComparer.Ordinal);
        foreach (string term in terms)
        {
            string folded = Fold(term);
            if (folded.Length > 0)
            {
                byFolded.TryAdd(folded, term.Trim());
            }
        }

        _terms = [.. byFolded.Select(pair => new FoldedTerm(pair.Key, pair.Value))];
    }

    /// <summary>Gets a value indicating whether there is nothing to look for.</summary>
    public bool IsEmpty => _terms.Length == 0;

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
        return !(term.StartsInWord && TextChars.RuneBefore(text, hit) is { } before && IsSpacedWordChar(before))
            && !(term.EndsInWord && end < text.Length && IsSpacedWordChar(TextChars.RuneAt(text, end, out _)));
    }

    // A letter of a script written with spaces between words: only those can run on into a term and make it part of a longer word.
    private static bool IsSpacedWordChar(Rune rune) => TextChars.IsWordChar(rune) && !TextChars.IsUnspacedScript(rune);

    private sealed class FoldedTerm
    {
        public FoldedTerm(string folded, string configured)
        {
            Folded = folded;
            Configured = configured;
            ReadOnlySpan<char> span = folded;
            Rune first = TextChars.RuneAt(span, 0, out _);
            StartsInWord = IsSpacedWordChar(first) || first.Value is '#' or '@';
            EndsInWord = TextChars.RuneBefore(span, span.Length) is { } last && IsSpacedWordChar(last);
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
