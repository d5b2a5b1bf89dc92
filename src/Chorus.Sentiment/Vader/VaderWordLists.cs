using System.Collections.Frozen;

namespace Chorus.Sentiment.Vader;

/// <summary>
/// The word lists of vaderSentiment 3.3.2, copied verbatim (same spelling, same order) so they can be diffed
/// against NEGATE, BOOSTER_DICT and SPECIAL_CASES in the reference.
/// </summary>
internal static class VaderWordLists
{
    /// <summary>NEGATE.</summary>
    public static readonly string[] Negations =
    [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
        "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
        "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
        "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
        "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
        "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
        "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
        "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    ];

    /// <summary>BOOSTER_DICT: booster (B_INCR) and dampener (B_DECR) words and phrases.</summary>
    public static readonly FrozenDictionary<string, double> Boosters = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["absolutely"] = Incr,
        ["amazingly"] = Incr,
        ["awfully"] = Incr,
        ["completely"] = Incr,
        ["considerable"] = Incr,
        ["considerably"] = Incr,
        ["decidedly"] = Incr,
        ["deeply"] = Incr,
        ["effing"] = Incr,
        ["enormous"] = Incr,
        ["enormously"] = Incr,
        ["entirely"] = Incr,
        ["especially"] = Incr,
        ["exceptional"] = Incr,
        ["exceptionally"] = Incr,
        ["extreme"] = Incr,
        ["extremely"] = Incr,
        ["fabulously"] = Incr,
        ["flipping"] = Incr,
        ["flippin"] = Incr,
        ["frackin"] = Incr,
        ["fracking"] = Incr,
        ["fricking"] = Incr,
        ["frickin"] = Incr,
        ["frigging"] = Incr,
        ["friggin"] = Incr,
        ["fully"] = Incr,
        ["fuckin"] = Incr,
        ["fucking"] = Incr,
        ["fuggin"] = Incr,
        ["fugging"] = Incr,
        ["greatly"] = Incr,
        ["hella"] = Incr,
        ["highly"] = Incr,
        ["hugely"] = Incr,
        ["incredible"] = Incr,
        ["incredibly"] = Incr,
        ["intensely"] = Incr,
        ["major"] = Incr,
        ["majorly"] = Incr,
        ["more"] = Incr,
        ["most"] = Incr,
        ["particularly"] = Incr,
        ["purely"] = Incr,
        ["quite"] = Incr,
        ["really"] = Incr,
        ["remarkably"] = Incr,
        ["so"] = Incr,
        ["substantially"] = Incr,
        ["thoroughly"] = Incr,
        ["total"] = Incr,
        ["totally"] = Incr,
        ["tremendous"] = Incr,
        ["tremendously"] = Incr,
        ["uber"] = Incr,
        ["unbelievably"] = Incr,
        ["unusually"] = Incr,
        ["utter"] = Incr,
        ["utterly"] = Incr,
        ["very"] = Incr,
        ["almost"] = Decr,
        ["barely"] = Decr,
        ["hardly"] = Decr,
        ["just enough"] = Decr,
        ["kind of"] = Decr,
        ["kinda"] = Decr,
        ["kindof"] = Decr,
        ["kind-of"] = Decr,
        ["less"] = Decr,
        ["little"] = Decr,
        ["marginal"] = Decr,
        ["marginally"] = Decr,
        ["occasional"] = Decr,
        ["occasionally"] = Decr,
        ["partly"] = Decr,
        ["scarce"] = Decr,
        ["scarcely"] = Decr,
        ["slight"] = Decr,
        ["slightly"] = Decr,
        ["somewhat"] = Decr,
        ["sort of"] = Decr,
        ["sorta"] = Decr,
        ["sortof"] = Decr,
        ["sort-of"] = Decr,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// SPECIAL_CASES: idioms that override the valence of the word they contain. The single-word key "badass" is
    /// kept for fidelity but can never match, because the reference only looks up two- and three-word sequences.
    /// SENTIMENT_LADEN_IDIOMS is not here: the reference never calls the check that uses it.
    /// </summary>
    public static readonly FrozenDictionary<string, double> SpecialCases = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["the shit"] = 3,
        ["the bomb"] = 3,
        ["bad ass"] = 1.5,
        ["badass"] = 1.5,
        ["bus stop"] = 0.0,
        ["yeah right"] = -2,
        ["kiss of death"] = -1.5,
        ["to die for"] = 3,
        ["beating heart"] = 3.1,
        ["broken heart"] = -2.9,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private const double Incr = VaderConstants.BoosterIncrement;
    private const double Decr = VaderConstants.BoosterDecrement;
}
