namespace Chorus.Posts.Policy;

/// <summary>
/// Settings of the reality check, bound from <c>Posts:Policy:RealityCheck</c>: a staff post that praises what
/// customers have been complaining about lately goes to an approver, with the evidence.
/// </summary>
public sealed class RealityCheckOptions
{
    /// <summary>Gets or sets a value indicating whether posts are checked, and negative mentions counted by topic. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets how far back complaints count. Default 48 hours. Mentions are counted by the hour they were written,
    /// so the window is read in whole hours: the current one and those back to the hour this far ago.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// Gets or sets how many negative mentions about a topic, in the window, make praising it worth a second look.
    /// Default 5: one or two complaints are anecdotes, five in two days is a pattern an approver should know about.
    /// </summary>
    public int MinMentions { get; set; } = 5;

    /// <summary>
    /// Gets or sets the languages staff posts are read in, as ISO 639-1 codes with a Snowball stemmer (posts carry no
    /// language of their own). Unset means English. A mention is read in its own language; it meets a post only on
    /// topics of the same language.
    /// </summary>
    public IReadOnlyList<string>? Languages { get; set; }

    /// <summary>
    /// Gets or sets words and phrases that are never topics, in any of their forms, for words that are in nearly every
    /// mention and say nothing (the company name is always ignored). Empty by default.
    /// </summary>
    public IReadOnlyList<string> IgnoredTerms { get; set; } = [];

    /// <summary>Gets the languages in force.</summary>
    internal IReadOnlyList<string> EffectiveLanguages => Languages ?? ["en"];
}
