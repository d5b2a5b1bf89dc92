namespace Chorus.Infrastructure.Mentions;

/// <summary>The places customers are listened to, bound from the <c>Mentions</c> configuration section.</summary>
public sealed class MentionsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Mentions";

    /// <summary>
    /// Gets the sources by name (<c>Mentions:Sources:{name}</c>). A name is 1-40 lowercase letters, digits and hyphens,
    /// because it becomes a blob path segment and the name of the source's cursor.
    /// </summary>
    public Dictionary<string, MentionSourceOptions> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets how long one attempt of a request to a source may take.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets how failed requests are retried, timed out and held back (<c>Mentions:Resilience</c>).</summary>
    public MentionsResilienceOptions Resilience { get; } = new();
}
