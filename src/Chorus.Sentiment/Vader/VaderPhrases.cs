namespace Chorus.Sentiment.Vader;

/// <summary>
/// The multi-word keys of SPECIAL_CASES and BOOSTER_DICT, keyed by small word ids so the idiom check compares
/// integers instead of formatting "{0} {1}" strings as the reference does. A token never contains a space (the
/// text is split on whitespace), so a joined sequence of n tokens can only equal an n-word key; single-word keys
/// are therefore unreachable from the idiom check and left out.
/// </summary>
internal sealed class VaderPhrases
{
    private readonly Dictionary<int, double> _specialCases = [];
    private readonly Dictionary<int, double> _boosters = [];

    private VaderPhrases(Dictionary<string, byte> wordIds) => WordIds = wordIds;

    /// <summary>Gets the id of every word used in a phrase (ids start at 1; 0 means "in no phrase").</summary>
    public IReadOnlyDictionary<string, byte> WordIds { get; }

    /// <summary>Builds the tables from the reference's dictionaries.</summary>
    public static VaderPhrases Create(IEnumerable<KeyValuePair<string, double>> specialCases, IEnumerable<KeyValuePair<string, double>> boosters)
    {
        Dictionary<string, byte> ids = new(StringComparer.Ordinal);
        VaderPhrases phrases = new(ids);
        Add(specialCases, phrases._specialCases, ids);
        Add(boosters, phrases._boosters, ids);
        return phrases;
    }

    /// <summary>Looks a two-word sequence up in SPECIAL_CASES.</summary>
    public bool TryGetSpecialCase(byte first, byte second, out double value) => TryGet(_specialCases, Key(first, second), out value);

    /// <summary>Looks a three-word sequence up in SPECIAL_CASES.</summary>
    public bool TryGetSpecialCase(byte first, byte second, byte third, out double value) => TryGet(_specialCases, Key(first, second, third), out value);

    /// <summary>Looks a two-word sequence up in BOOSTER_DICT.</summary>
    public bool TryGetBooster(byte first, byte second, out double value) => TryGet(_boosters, Key(first, second), out value);

    /// <summary>Looks a three-word sequence up in BOOSTER_DICT.</summary>
    public bool TryGetBooster(byte first, byte second, byte third, out double value) => TryGet(_boosters, Key(first, second, third), out value);

    private static bool TryGet(Dictionary<int, double> table, int key, out double value)
    {
        value = 0;
        return key != 0 && table.TryGetValue(key, out value);
    }

    // A zero id anywhere makes the key 0, which is never stored: that word is in no phrase.
    private static int Key(byte first, byte second) => first == 0 || second == 0 ? 0 : (first << 8) | second;

    private static int Key(byte first, byte second, byte third) =>
        first == 0 || second == 0 || third == 0 ? 0 : (1 << 24) | (first << 16) | (second << 8) | third;

    private static void Add(IEnumerable<KeyValuePair<string, double>> source, Dictionary<int, double> table, Dictionary<string, byte> ids)
    {
        foreach ((string phrase, double value) in source)
        {
            string[] words = phrase.Split(' ');
            if (words.Length is < 2 or > 3)
            {
                continue;
            }

            byte[] wordIds = new byte[words.Length];
            for (int i = 0; i < words.Length; i++)
            {
                if (!ids.TryGetValue(words[i], out byte id))
                {
                    id = checked((byte)(ids.Count + 1));
                    ids.Add(words[i], id);
                }

                wordIds[i] = id;
            }

            int key = words.Length == 2 ? Key(wordIds[0], wordIds[1]) : Key(wordIds[0], wordIds[1], wordIds[2]);
            table[key] = value;
        }
    }
}
