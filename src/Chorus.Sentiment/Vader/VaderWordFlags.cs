namespace Chorus.Sentiment.Vader;

/// <summary>
/// What the rules need to know about a lower-cased token, found with a single dictionary lookup instead of the
/// reference's repeated string comparisons and list scans.
/// </summary>
[Flags]
internal enum VaderWordFlags : ushort
{
    /// <summary>Nothing known.</summary>
    None = 0,

    /// <summary>The token is a key of the lexicon.</summary>
    InLexicon = 1 << 0,

    /// <summary>The token is a single-word key of BOOSTER_DICT.</summary>
    Booster = 1 << 1,

    /// <summary>The token is in NEGATE (the "n't" test is per token, see <see cref="VaderToken"/>).</summary>
    Negation = 1 << 2,

    /// <summary>"no".</summary>
    No = 1 << 3,

    /// <summary>"never".</summary>
    Never = 1 << 4,

    /// <summary>"so" or "this".</summary>
    SoOrThis = 1 << 5,

    /// <summary>"without".</summary>
    Without = 1 << 6,

    /// <summary>"doubt".</summary>
    Doubt = 1 << 7,

    /// <summary>"least".</summary>
    Least = 1 << 8,

    /// <summary>"at" or "very".</summary>
    AtOrVery = 1 << 9,

    /// <summary>"or" or "nor".</summary>
    OrNor = 1 << 10,

    /// <summary>"kind".</summary>
    Kind = 1 << 11,

    /// <summary>"of".</summary>
    Of = 1 << 12,

    /// <summary>"but".</summary>
    But = 1 << 13,
}
