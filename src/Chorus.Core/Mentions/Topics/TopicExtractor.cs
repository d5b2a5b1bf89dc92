using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using Chorus.Posts.Policy;
using Lucene.Net.Analysis.Util;

namespace Chorus.Mentions.Topics;

/// <summary>
/// Finds what a text is about, the same way for a customer's mention and for a staff post, so that the two meet on
/// the same keys: each word's Snowball stem (<see cref="Stemmer"/>: "invoices", "invoicing" and "invoiced" are all
/// <c>en:invoic</c>) and each pair of neighbouring words (<c>en:invoic export</c>), leaving out the language's stop
/// words, words of fewer than three letters, numbers, links, @handles and e-mail addresses (any word of a token with an '@'), and the ignored words (the
/// company's own name, which every mention carries, and <see cref="RealityCheckOptions.IgnoredTerms"/>).
/// </summary>
/// <remarks>
/// Only languages Snowball stems have topics (<see cref="Stemmer.Languages"/>; English when a text has no language):
/// without a stemmer, words of an unspaced script cannot even be told apart. A text gives at most
/// <see cref="MaxTopics"/> distinct topics, the first in text order, so a pasted essay costs what a post does.
/// </remarks>
internal sealed class TopicExtractor
{
    /// <summary>The most distinct topics one text gives.</summary>
    internal const int MaxTopics = 48;

    /// <summary>Shorter words ("ok", "pm") say too little to be a topic.</summary>
    private const int MinWordLength = 3;

    /// <summary>Longer "words" are hashes, tokens or run-together junk.</summary>
    private const int MaxWordLength = 40;

    // A word of only these ("2026", "404", "__") is no topic.
    private static readonly SearchValues<char> NotLetters = SearchValues.Create("0123456789_");

    private readonly string[] _ignored;
    private readonly ConcurrentDictionary<string, FrozenSet<string>> _ignoredByLanguage = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="TopicExtractor"/> class.</summary>
    /// <param name="ignored">Words and phrases that are never topics, in any form.</param>
    public TopicExtractor(IEnumerable<string> ignored)
    {
        ArgumentNullException.ThrowIfNull(ignored);
        _ignored = [.. ignored.Where(term => !string.IsNullOrWhiteSpace(term))];
    }

    /// <summary>Returns every occurrence of the topics of <paramref name="text"/> in <paramref name="language"/>, in text order.</summary>
    public IReadOnlyList<Topic> Extract(string text, string? language)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Stemmer.For(language) is not { } stemmer)
        {
            return [];
        }

        FoldedText folded = FoldedText.Fold(text);
        StemmedWord[] words = stemmer.Words(folded);
        if (words.Length == 0)
        {
            return [];
        }

        CharArraySet stopWords = TopicStopWords.For(stemmer.Language);
        FrozenSet<string> ignored = IgnoredFor(stemmer);
        IReadOnlyList<FoundUrl> urls = UrlScanner.Find(text);
        bool[] content = new bool[words.Length];
        for (int i = 0; i < words.Length; i++)
        {
            content[i] = IsContent(folded, words[i], stopWords, ignored, urls);
        }

        string prefix = stemmer.Language + ":";
        HashSet<string> keys = new(StringComparer.Ordinal);
        List<Topic> topics = [];
        void Add(string key, int from, int to)
        {
            if (keys.Contains(key) || keys.Count < MaxTopics)
            {
                keys.Add(key);
                TextRange range = folded.ToOriginal(words[from].Start, words[to].End - words[from].Start);
                topics.Add(new Topic(key, text.Substring(range.Start, range.Length), range.Start, range.Length));
            }
        }

        for (int i = 0; i < words.Length; i++)
        {
            if (!content[i])
            {
                continue;
            }

            Add(prefix + words[i].Stem, i, i);

            // A phrase is two content words with nothing but one space between them: "invoice export", not "invoice, export".
            if (i + 1 < words.Length && content[i + 1] && words[i + 1].Start == words[i].End + 1 && folded.Value[words[i].End] == ' ')
            {
                Add(prefix + words[i].Stem + " " + words[i + 1].Stem, i, i + 1);
            }
        }

        return topics;
    }

    /// <summary>Returns the distinct topic keys of <paramref name="text"/>, in text order.</summary>
    public IReadOnlyList<string> Keys(string text, string? language) => [.. Extract(text, language).Select(topic => topic.Key).Distinct(StringComparer.Ordinal)];

    private static bool IsContent(FoldedText text, StemmedWord word, CharArraySet stopWords, FrozenSet<string> ignored, IReadOnlyList<FoundUrl> urls)
    {
        ReadOnlySpan<char> spelling = text.Value.AsSpan(word.Start, word.Length);
        if (spelling.Length < MinWordLength || spelling.Length > MaxWordLength || !spelling.ContainsAnyExcept(NotLetters))
        {
            return false;
        }

        TextRange written = text.ToOriginal(word.Start, word.Length);
        string lower = text.Original.Substring(written.Start, written.Length).ToLowerInvariant();
        if (stopWords.Contains(lower) || stopWords.Contains(spelling.ToString()) || ignored.Contains(word.Stem) || ignored.Contains(spelling.ToString()))
        {
            return false;
        }

        return !urls.Any(url => url.Range.Overlaps(written)) && !InHandleOrAddress(text.Original, written.Start);
    }

    // "@ana@mastodon.social" and "ana@example.com" name people, not topics: no word of a token with an '@' in it counts.
    private static bool InHandleOrAddress(string text, int start)
    {
        int from = start, to = start;
        while (from > 0 && !char.IsWhiteSpace(text[from - 1]))
        {
            from--;
        }

        while (to < text.Length && !char.IsWhiteSpace(text[to]))
        {
            to++;
        }

        return text.AsSpan(from, to - from).IndexOfAny('@', '＠') >= 0;
    }

    private FrozenSet<string> IgnoredFor(Stemmer stemmer) => _ignoredByLanguage.GetOrAdd(stemmer.Language, _ =>
    {
        HashSet<string> forms = new(StringComparer.Ordinal);
        foreach (string term in _ignored)
        {
            FoldedText folded = FoldedText.Fold(term);
            foreach (StemmedWord word in stemmer.Words(folded))
            {
                forms.Add(word.Stem);
                forms.Add(folded.Value.Substring(word.Start, word.Length));
            }
        }

        return forms.ToFrozenSet(StringComparer.Ordinal);
    });
}
