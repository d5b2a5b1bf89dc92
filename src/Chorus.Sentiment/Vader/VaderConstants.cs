namespace Chorus.Sentiment.Vader;

/// <summary>
/// The empirically derived constants of vaderSentiment 3.3.2, under the reference's names in the comments so a
/// reader can check them against <c>vaderSentiment.py</c>.
/// </summary>
internal static class VaderConstants
{
    /// <summary>B_INCR: a booster word raises the following word's intensity by this much.</summary>
    public const double BoosterIncrement = 0.293;

    /// <summary>B_DECR: a dampener lowers it by this much.</summary>
    public const double BoosterDecrement = -0.293;

    /// <summary>C_INCR: an ALL-CAPS word among mixed-case words gains this much intensity.</summary>
    public const double CapsIncrement = 0.733;

    /// <summary>N_SCALAR: a negation flips and damps the valence.</summary>
    public const double NegationScalar = -0.74;

    /// <summary>Each "!" adds this much emphasis ...</summary>
    public const double ExclamationIncrement = 0.292;

    /// <summary>... up to this many of them.</summary>
    public const int MaxExclamations = 4;

    /// <summary>Two or three "?" add this much each.</summary>
    public const double QuestionIncrement = 0.18;

    /// <summary>More than three "?" add this much in total.</summary>
    public const double QuestionMaxAmplifier = 0.96;

    /// <summary>normalize()'s alpha: approximately the largest sum expected.</summary>
    public const double NormalizeAlpha = 15;

    /// <summary>Scale applied to sentiments before the first "but".</summary>
    public const double BeforeButScalar = 0.5;

    /// <summary>Scale applied to sentiments after the first "but".</summary>
    public const double AfterButScalar = 1.5;

    /// <summary>Scale of a booster two words before the scored word.</summary>
    public const double SecondWordBoosterDamping = 0.95;

    /// <summary>Scale of a booster three words before the scored word.</summary>
    public const double ThirdWordBoosterDamping = 0.9;

    /// <summary>"never so/this X" multiplies X by this (the reference's operator-precedence slip applies it more widely).</summary>
    public const double NeverSoScalar = 1.25;
}
