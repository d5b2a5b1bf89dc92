namespace Chorus.Posts.Policy;

/// <summary>The rule names findings carry in <see cref="PolicyFinding.Rule"/>.</summary>
public static class PolicyRules
{
    /// <summary>A post about the employer lacks a clear disclosure that the author works there.</summary>
    public const string Disclosure = "disclosure";

    /// <summary>A post contains a banned word or phrase.</summary>
    public const string BannedTerm = "banned-term";

    /// <summary>A post contains an internal name, such as a project code name.</summary>
    public const string ConfidentialTerm = "confidential-term";

    /// <summary>A post contains an email address, phone number, payment card number or IBAN.</summary>
    public const string PersonalData = "personal-data";

    /// <summary>A post links outside the allowed sites, or a link is malformed.</summary>
    public const string LinkDomain = "link-domain";

    /// <summary>A post uses a link shortener.</summary>
    public const string LinkShortener = "link-shortener";

    /// <summary>A post is too long for a channel it is meant for.</summary>
    public const string Length = "length";

    /// <summary>A post reads as negative.</summary>
    public const string NegativeSentiment = "negative-sentiment";

    /// <summary>A post praises something customers have been complaining about in the last hours.</summary>
    public const string RealityCheck = "reality-check";

    /// <summary>
    /// The most findings one rule reports. A pasted megabyte of text must not produce a million findings; the post is
    /// blocked or reviewed after the first ones anyway, and the author fixes those and resubmits.
    /// </summary>
    internal const int MaxFindingsPerRule = 100;
}
