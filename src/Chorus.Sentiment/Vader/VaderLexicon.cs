using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Chorus.Sentiment.Vader;

/// <summary>
/// The lexicon, the emoji descriptions and the rule word lists, merged so that scoring needs one lookup per token.
/// Loaded once per process from the embedded copies of the reference's files.
/// </summary>
internal sealed class VaderLexicon
{
    private const string LexiconResource = "Chorus.Sentiment.Vader.vader_lexicon.txt";
    private const string EmojiResource = "Chorus.Sentiment.Vader.emoji_utf8_lexicon.txt";

    private static readonly Lazy<VaderLexicon> SharedInstance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<int, string> _emoji;

    // One bit per BMP code unit that is a whole emoji key: lets the common non-emoji character skip the dictionary.
    private readonly ulong[] _bmpEmoji = new ulong[65536 / 64];

    private VaderLexicon(Dictionary<string, double> lexicon, Dictionary<int, string> emoji, long startTimestamp)
    {
        Phrases = VaderPhrases.Create(VaderWordLists.SpecialCases, VaderWordLists.Boosters);
        Words = BuildWords(lexicon, Phrases).ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _emoji = emoji.ToFrozenDictionary();
        foreach (int scalar in emoji.Keys)
        {
            if (scalar < 65536)
            {
                _bmpEmoji[scalar >> 6] |= 1UL << (scalar & 63);
            }
        }

        LexiconSize = lexicon.Count;
        EmojiCount = emoji.Count;
        LoadDuration = Stopwatch.GetElapsedTime(startTimestamp);
    }

    /// <summary>Gets the process-wide instance, loading it on first use.</summary>
    public static VaderLexicon Shared => SharedInstance.Value;

    /// <summary>Gets the merged word table, looked up by lower-cased token without allocating.</summary>
    public FrozenDictionary<string, VaderWord>.AlternateLookup<ReadOnlySpan<char>> Words { get; }

    /// <summary>Gets the multi-word idioms and boosters.</summary>
    public VaderPhrases Phrases { get; }

    /// <summary>Gets the number of distinct lexicon keys.</summary>
    public int LexiconSize { get; }

    /// <summary>Gets the number of emoji that can be replaced (single Unicode scalars).</summary>
    public int EmojiCount { get; }

    /// <summary>Gets how long reading and indexing the embedded files took.</summary>
    public TimeSpan LoadDuration { get; }

    /// <summary>Gets the description of an emoji, if <paramref name="scalar"/> is one.</summary>
    public bool TryGetEmoji(int scalar, out string description)
    {
        if (scalar < 65536 && (_bmpEmoji[scalar >> 6] & (1UL << (scalar & 63))) == 0)
        {
            description = string.Empty;
            return false;
        }

        return _emoji.TryGetValue(scalar, out description!);
    }

    /// <summary>Loads from the embedded resources.</summary>
    internal static VaderLexicon Load()
    {
        long started = Stopwatch.GetTimestamp();
        Assembly assembly = typeof(VaderLexicon).Assembly;
        return new VaderLexicon(ParseLexicon(ReadResource(assembly, LexiconResource)), ParseEmoji(ReadResource(assembly, EmojiResource)), started);
    }

    /// <summary>
    /// Parses vader_lexicon.txt as make_lex_dict does: each non-empty line is stripped and split on tabs; the first
    /// field is the token, the second its mean rating; a later line for the same token wins.
    /// </summary>
    internal static Dictionary<string, double> ParseLexicon(string content)
    {
        Dictionary<string, double> lexicon = new(8192, StringComparer.Ordinal);
        foreach (Range range in content.AsSpan().TrimEnd('\n').Split('\n'))
        {
            ReadOnlySpan<char> line = content.AsSpan(range);
            if (line.IsEmpty)
            {
                continue;
            }

            ReadOnlySpan<char> stripped = PythonText.Strip(line);
            int tab = stripped.IndexOf('\t');
            if (tab < 0)
            {
                throw new InvalidDataException($"Lexicon line without a tab: '{line}'.");
            }

            ReadOnlySpan<char> rest = stripped[(tab + 1)..];
            int end = rest.IndexOf('\t');
            ReadOnlySpan<char> measure = end < 0 ? rest : rest[..end];
            lexicon[stripped[..tab].ToString()] = double.Parse(measure, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return lexicon;
    }

    /// <summary>
    /// Parses emoji_utf8_lexicon.txt as make_emoji_dict does. The reference walks the text one code point at a time
    /// and looks each up, so only keys that are a single code point can ever match; the others (flags, skin tones,
    /// ZWJ sequences) are skipped here.
    /// </summary>
    internal static Dictionary<int, string> ParseEmoji(string content)
    {
        Dictionary<int, string> emoji = new(2048);
        foreach (Range range in content.AsSpan().TrimEnd('\n').Split('\n'))
        {
            ReadOnlySpan<char> line = content.AsSpan(range);
            ReadOnlySpan<char> stripped = PythonText.Strip(line);
            int tab = stripped.IndexOf('\t');
            if (tab < 0)
            {
                throw new InvalidDataException($"Emoji lexicon line without a tab: '{line}'.");
            }

            ReadOnlySpan<char> key = stripped[..tab];
            ReadOnlySpan<char> rest = stripped[(tab + 1)..];
            int end = rest.IndexOf('\t');
            ReadOnlySpan<char> description = end < 0 ? rest : rest[..end];
            if (Rune.DecodeFromUtf16(key, out Rune rune, out int consumed) == System.Buffers.OperationStatus.Done && consumed == key.Length)
            {
                emoji[rune.Value] = description.ToString();
            }
        }

        return emoji;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using Stream stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from {assembly.GetName().Name}.");
        using StreamReader reader = new(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static Dictionary<string, VaderWord> BuildWords(Dictionary<string, double> lexicon, VaderPhrases phrases)
    {
        Dictionary<string, VaderWord> words = new(lexicon.Count + 256, StringComparer.Ordinal);
        foreach ((string word, double valence) in lexicon)
        {
            words[word] = new VaderWord(valence, 0, VaderWordFlags.InLexicon, 0);
        }

        foreach ((string word, double scalar) in VaderWordLists.Boosters)
        {
            // Multi-word keys never equal a single token; the phrase table handles them.
            if (!word.Contains(' ', StringComparison.Ordinal))
            {
                Update(words, word, w => w with { BoosterScalar = scalar, Flags = w.Flags | VaderWordFlags.Booster });
            }
        }

        foreach (string word in VaderWordLists.Negations)
        {
            AddFlag(words, word, VaderWordFlags.Negation);
        }

        AddFlag(words, "no", VaderWordFlags.No);
        AddFlag(words, "never", VaderWordFlags.Never);
        AddFlag(words, "so", VaderWordFlags.SoOrThis);
        AddFlag(words, "this", VaderWordFlags.SoOrThis);
        AddFlag(words, "without", VaderWordFlags.Without);
        AddFlag(words, "doubt", VaderWordFlags.Doubt);
        AddFlag(words, "least", VaderWordFlags.Least);
        AddFlag(words, "at", VaderWordFlags.AtOrVery);
        AddFlag(words, "very", VaderWordFlags.AtOrVery);
        AddFlag(words, "or", VaderWordFlags.OrNor);
        AddFlag(words, "nor", VaderWordFlags.OrNor);
        AddFlag(words, "kind", VaderWordFlags.Kind);
        AddFlag(words, "of", VaderWordFlags.Of);
        AddFlag(words, "but", VaderWordFlags.But);

        foreach ((string word, byte id) in phrases.WordIds)
        {
            Update(words, word, w => w with { PhraseWordId = id });
        }

        return words;
    }

    private static void AddFlag(Dictionary<string, VaderWord> words, string word, VaderWordFlags flag) =>
        Update(words, word, w => w with { Flags = w.Flags | flag });

    private static void Update(Dictionary<string, VaderWord> words, string word, Func<VaderWord, VaderWord> change)
    {
        words.TryGetValue(word, out VaderWord current);
        words[word] = change(current);
    }
}
