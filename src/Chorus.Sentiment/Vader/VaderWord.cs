namespace Chorus.Sentiment.Vader;

/// <summary>Everything the rules use about one lower-cased word.</summary>
/// <param name="Valence">The lexicon mean rating; 0 unless <see cref="VaderWordFlags.InLexicon"/>.</param>
/// <param name="BoosterScalar">The BOOSTER_DICT value; 0 unless <see cref="VaderWordFlags.Booster"/>.</param>
/// <param name="Flags">Which lists and rules the word belongs to.</param>
/// <param name="PhraseWordId">Non-zero when the word occurs in a multi-word SPECIAL_CASES or BOOSTER_DICT key.</param>
internal readonly record struct VaderWord(double Valence, double BoosterScalar, VaderWordFlags Flags, byte PhraseWordId);
