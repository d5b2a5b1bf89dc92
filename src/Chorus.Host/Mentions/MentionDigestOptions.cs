namespace Chorus.Host.Mentions;

/// <summary>The daily digest of positive mentions, bound from <c>Mentions:Digest</c> and checked at start (<see cref="MentionDigestOptionsValidator"/>).</summary>
public sealed class MentionDigestOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Mentions:Digest";

    /// <summary>The setting that holds <see cref="Schedule"/>; the Azure Functions app's digest timer reads it as <c>%Mentions:Digest:Schedule%</c>.</summary>
    public const string ScheduleSetting = SectionName + ":Schedule";

    /// <summary>Gets who receives the digest (bare addresses); none, the default, means no digest is sent.</summary>
    public List<string> Recipients { get; } = [];

    /// <summary>Gets or sets when the digest about the previous day is sent: cron, 5 fields or 6 with seconds first, UTC. Default 08:00.</summary>
    public string Schedule { get; set; } = "0 8 * * *";
}
