namespace Chorus.Posts.Policy;

/// <summary>
/// Settings for the checks staff posts go through, bound from <c>Posts:Policy</c>. The defaults work out of the box
/// for a company called "Chorus". A list left unset uses the default documented on it; a list that is set replaces
/// that default entirely (configuration cannot express an empty list: <c>[]</c> in JSON reads as unset). The platforms' own length limits (X 280 weighted, Bluesky 300 graphemes, Mastodon 500,
/// LinkedIn 3,000) are fixed and not settings.
/// </summary>
public sealed class PolicyOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Posts:Policy";

    /// <summary>The placeholder in <see cref="DisclosureTags"/> replaced with the letters and digits of <see cref="CompanyName"/>.</summary>
    public const string CompanyNamePlaceholder = "{CompanyName}";

    /// <summary>Gets or sets the employer's name. A post that mentions it (or a product) must carry a disclosure.</summary>
    public string CompanyName { get; set; } = "Chorus";

    /// <summary>Gets or sets the employer's product names; mentioning one needs a disclosure just as the company name does.</summary>
    public IReadOnlyList<string> ProductNames { get; set; } = [];

    /// <summary>
    /// Gets or sets a value indicating whether posts that mention the company or its products must disclose that the
    /// author works there (US FTC Endorsement Guides, UK CAP Code). Default true.
    /// </summary>
    public bool DisclosureRequired { get; set; } = true;

    /// <summary>
    /// Gets or sets the hashtags that count as a clear disclosure. Unset means <c>#ad</c> and
    /// <c>#{CompanyName}Employee</c> (e.g. <c>#ChorusEmployee</c>); <see cref="CompanyNamePlaceholder"/> may be used in
    /// configured tags too. Only these count: "#employee" alone does not say whose.
    /// </summary>
    public IReadOnlyList<string>? DisclosureTags { get; set; }

    /// <summary>
    /// Gets or sets hashtags that look like a disclosure but are too vague to count (the FTC names "#spon" and
    /// "#ee"). Unset means <c>#ee</c>, <c>#spon</c>, <c>#sp</c> and <c>#collab</c>.
    /// </summary>
    public IReadOnlyList<string>? VagueDisclosureTags { get; set; }

    /// <summary>
    /// Gets or sets how a missing or vague disclosure is treated: <see cref="FindingSeverity.Block"/> (the default)
    /// rejects the post, <see cref="FindingSeverity.Warn"/> sends it to an approver. Info is not allowed: this is a
    /// legal requirement, not advice.
    /// </summary>
    public FindingSeverity DisclosureSeverity { get; set; } = FindingSeverity.Block;

    /// <summary>Gets or sets words and phrases staff posts must not contain (matched as whole words, ignoring case and accents); a match blocks the post.</summary>
    public IReadOnlyList<string> BannedTerms { get; set; } = [];

    /// <summary>Gets or sets internal names that must not be made public, such as unreleased projects' code names; a match blocks the post.</summary>
    public IReadOnlyList<string> ConfidentialTerms { get; set; } = [];

    /// <summary>
    /// Gets or sets the sites staff posts may link to without review (subdomains included, e.g. "chorus.com" allows
    /// "jobs.chorus.com"). Links elsewhere go to an approver. Empty (the default) allows any site.
    /// </summary>
    public IReadOnlyList<string> AllowedLinkDomains { get; set; } = [];

    /// <summary>
    /// Gets or sets link-shortener hosts; a shortened link goes to an approver because it hides where it leads.
    /// Unset means bit.ly, t.co, tinyurl.com, goo.gl, ow.ly, buff.ly, is.gd, rebrand.ly, cutt.ly and lnkd.in.
    /// </summary>
    public IReadOnlyList<string>? UrlShorteners { get; set; }

    /// <summary>Gets or sets the longest post, in characters (code points), for <see cref="Channel.Other"/>. Default 5,000.</summary>
    public int MaxLengthOther { get; set; } = 5_000;

    /// <summary>
    /// Gets or sets the compound score (-1 to 1) at or below which a post reads as negative and goes to an approver.
    /// Used when the analyzer gives a compound score (VADER does); otherwise its Negative label decides. The default,
    /// -0.05, is VADER's own cut-off for Negative.
    /// </summary>
    public double NegativeSentimentThreshold { get; set; } = -0.05;

    /// <summary>Gets or sets the reality check's settings (<c>Posts:Policy:RealityCheck</c>).</summary>
    public RealityCheckOptions RealityCheck { get; set; } = new();

    /// <summary>Gets the disclosure tags used when <see cref="DisclosureTags"/> is unset.</summary>
    internal static IReadOnlyList<string> DefaultDisclosureTags { get; } = ["#ad", "#" + CompanyNamePlaceholder + "Employee"];

    /// <summary>Gets the vague tags used when <see cref="VagueDisclosureTags"/> is unset.</summary>
    internal static IReadOnlyList<string> DefaultVagueDisclosureTags { get; } = ["#ee", "#spon", "#sp", "#collab"];

    /// <summary>Gets the shorteners used when <see cref="UrlShorteners"/> is unset.</summary>
    internal static IReadOnlyList<string> DefaultUrlShorteners { get; } =
        ["bit.ly", "t.co", "tinyurl.com", "goo.gl", "ow.ly", "buff.ly", "is.gd", "rebrand.ly", "cutt.ly", "lnkd.in"];

    /// <summary>Gets the company name as it appears in a hashtag: its letters and digits only ("Acme Corp." gives "AcmeCorp").</summary>
    internal string CompanyTag => string.Concat((CompanyName ?? string.Empty).Where(char.IsLetterOrDigit));

    /// <summary>Gets the disclosure tags in force, with <see cref="CompanyNamePlaceholder"/> filled in.</summary>
    internal IReadOnlyList<string> EffectiveDisclosureTags =>
        [.. (DisclosureTags ?? DefaultDisclosureTags).Select(tag => tag.Replace(CompanyNamePlaceholder, CompanyTag, StringComparison.OrdinalIgnoreCase))];

    /// <summary>Gets the vague tags in force.</summary>
    internal IReadOnlyList<string> EffectiveVagueDisclosureTags => VagueDisclosureTags ?? DefaultVagueDisclosureTags;

    /// <summary>Gets the shorteners in force.</summary>
    internal IReadOnlyList<string> EffectiveUrlShorteners => UrlShorteners ?? DefaultUrlShorteners;
}
