namespace Chorus.Sentiment.Vader;

/// <summary>One token of the text being scored, with what the rules ask of it worked out once.</summary>
internal struct VaderToken
{
    /// <summary>The lexicon valence (0 when not in the lexicon).</summary>
    public double Valence;

    /// <summary>The BOOSTER_DICT value (0 when not a booster).</summary>
    public double BoosterScalar;

    /// <summary>The word's flags from the merged word table.</summary>
    public VaderWordFlags Flags;

    /// <summary>The word's id in the phrase tables (0: in no phrase).</summary>
    public byte PhraseWordId;

    /// <summary><c>negated([word])</c>: in NEGATE or containing "n't".</summary>
    public bool IsNegated;

    /// <summary>Python's <c>str.isupper()</c> of the token as written.</summary>
    public bool IsUpper;

    /// <summary>Gets whether all of <paramref name="flags"/> are set.</summary>
    public readonly bool Has(VaderWordFlags flags) => (Flags & flags) == flags;
}
