using System.Globalization;
using System.Text;

namespace Chorus.Posts.Policy;

/// <summary>
/// A post (or a configured term) folded for matching: lower case, accents removed ("Zèbre" reads "zebre"),
/// invisible format characters (zero-width spaces, soft hyphens) dropped and each run of white space read as one
/// space, with a map from every folded character back to the original text, so a match found in the folded text
/// can be reported where the author wrote it.
/// </summary>
internal sealed class FoldedText
{
    private readonly string _original;

    // sources[k] is the index in the original text of the code point that produced folded character k.
    private readonly int[] _sources;

    private FoldedText(string original, string value, int[] sources)
    {
        _original = original;
        Value = value;
        _sources = sources;
    }

    // The words as the last stemmer to read them stemmed them: a mention's text is matched against several term lists.
    private StemmedText? _stemmed;

    /// <summary>Gets the folded text.</summary>
    public string Value { get; }

    /// <summary>Gets the text as it was written.</summary>
    public string Original => _original;

    /// <summary>Folds <paramref name="text"/>. Linear in its length; never throws on malformed UTF-16.</summary>
    public static FoldedText Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Builder builder = new(text.Length);
        ReadOnlySpan<char> span = text;
        bool pendingSpace = false;
        int spaceSource = 0;

        // Whether the last letter kept is in a script whose marks are accents people often leave out.
        bool marksAreAccents = false;
        int i = 0;
        while (i < span.Length)
        {
            Rune rune = TextChars.RuneAt(span, i, out int length);
            if (Rune.IsWhiteSpace(rune))
            {
                if (!pendingSpace)
                {
                    pendingSpace = true;
                    spaceSource = i;
                }
            }
            else
            {
                UnicodeCategory category = Rune.GetUnicodeCategory(rune);
                bool isMark = category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark;
                if (category == UnicodeCategory.Format || (isMark && marksAreAccents))
                {
                    // Dropped: zero-width characters hide words from a plain search, accents are optional.
                }
                else
                {
                    if (pendingSpace)
                    {
                        builder.Append(' ', spaceSource);
                        pendingSpace = false;
                    }

                    if (!isMark)
                    {
                        marksAreAccents = HasAccentMarks(rune);
                    }

                    AppendFolded(builder, rune, i);
                }
            }

            i += length;
        }

        if (pendingSpace)
        {
            builder.Append(' ', spaceSource);
        }

        return new FoldedText(text, builder.ToValue(), builder.ToSources());
    }

    /// <summary>Returns the words of this text stemmed by <paramref name="stemmer"/>, stemming them only once per stemmer in a row.</summary>
    public StemmedWord[] WordsStemmedBy(Stemmer stemmer)
    {
        ArgumentNullException.ThrowIfNull(stemmer);
        if (_stemmed is { } last && ReferenceEquals(last.Stemmer, stemmer))
        {
            return last.Words;
        }

        StemmedWord[] words = stemmer.Words(this);
        _stemmed = new StemmedText(stemmer, words);
        return words;
    }

    /// <summary>
    /// Maps a range of the folded text back to the original: from the first source character to the end of the
    /// last one, including any accents that followed it there (and were dropped here).
    /// </summary>
    public TextRange ToOriginal(int foldedStart, int foldedLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(foldedStart);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(foldedLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(foldedStart + foldedLength, Value.Length, nameof(foldedLength));

        ReadOnlySpan<char> text = _original;
        int start = _sources[foldedStart];
        int last = _sources[foldedStart + foldedLength - 1];
        TextChars.RuneAt(text, last, out int lastLength);
        int end = last + lastLength;
        while (end < text.Length)
        {
            Rune next = TextChars.RuneAt(text, end, out int nextLength);
            if (!TextChars.IsMark(next) && Rune.GetUnicodeCategory(next) != UnicodeCategory.Format)
            {
                break;
            }

            end += nextLength;
        }

        return new TextRange(start, end - start);
    }

    /// <summary>
    /// Returns whether marks after this letter are accents or vowel points that are often left out (Latin, Greek,
    /// Cyrillic, Hebrew, Arabic). In kana or Indic scripts a mark changes the letter (カ is "ka", ガ is "ga"), so
    /// those marks are kept: stripping them would make unrelated words match.
    /// </summary>
    private static bool HasAccentMarks(Rune rune)
    {
        int cp = rune.Value;
        return cp < 0x0700
            || cp is (>= 0x0750 and < 0x0780) // Arabic supplement
            or (>= 0x1E00 and < 0x2000) // Latin extended additional, Greek extended
            or (>= 0x2C60 and < 0x2C80) // Latin extended-C
            or (>= 0xA720 and < 0xA800) // Latin extended-D
            or (>= 0xAB30 and < 0xAB70); // Latin extended-E
    }

    private static void AppendFolded(Builder builder, Rune rune, int source)
    {
        if (rune.IsAscii)
        {
            builder.Append(char.ToLowerInvariant((char)rune.Value), source);
            return;
        }

        if (!HasAccentMarks(rune))
        {
            AppendLower(builder, rune, source);
            return;
        }

        Span<char> utf16 = stackalloc char[2];
        int written = rune.EncodeToUtf16(utf16);

        // A single code point decomposes to at most a handful (Unicode's longest canonical decomposition is 4).
        Span<char> decomposed = stackalloc char[16];
        ReadOnlySpan<char> parts = utf16[..written].TryNormalize(decomposed, out int decomposedLength, NormalizationForm.FormD)
            ? decomposed[..decomposedLength]
            : utf16[..written];
        int i = 0;
        while (i < parts.Length)
        {
            Rune part = TextChars.RuneAt(parts, i, out int length);
            if (Rune.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                AppendLower(builder, part, source);
            }

            i += length;
        }
    }

    private static void AppendLower(Builder builder, Rune rune, int source)
    {
        Rune lower = Rune.ToLowerInvariant(rune);

        // Letters that carry their "accent" as part of the glyph do not decompose; readers still treat them as the plain letter.
        string? replacement = lower.Value switch
        {
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            'ø' => "o",
            'ł' => "l",
            'đ' => "d",
            'ħ' => "h",
            'ı' => "i",
            'ŧ' => "t",
            'ς' => "σ",
            _ => null,
        };
        if (replacement is not null)
        {
            foreach (char c in replacement)
            {
                builder.Append(c, source);
            }

            return;
        }

        Span<char> utf16 = stackalloc char[2];
        int written = lower.EncodeToUtf16(utf16);
        for (int k = 0; k < written; k++)
        {
            builder.Append(utf16[k], source);
        }
    }

    private sealed record StemmedText(Stemmer Stemmer, StemmedWord[] Words);

    /// <summary>Collects folded characters and their sources without a per-character allocation.</summary>
    private sealed class Builder(int capacity)
    {
        private char[] _chars = new char[Math.Max(capacity, 4)];
        private int[] _sourceIndexes = new int[Math.Max(capacity, 4)];
        private int _count;

        public void Append(char c, int source)
        {
            if (_count == _chars.Length)
            {
                Array.Resize(ref _chars, _chars.Length * 2);
                Array.Resize(ref _sourceIndexes, _sourceIndexes.Length * 2);
            }

            _chars[_count] = c;
            _sourceIndexes[_count] = source;
            _count++;
        }

        public string ToValue() => new(_chars, 0, _count);

        public int[] ToSources() => _sourceIndexes.Length == _count ? _sourceIndexes : _sourceIndexes[.._count];
    }
}
