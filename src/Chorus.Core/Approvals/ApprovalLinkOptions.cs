namespace Chorus.Approvals;

/// <summary>
/// Settings for signed approval links, bound from <c>Approvals:Links</c>. The signing secrets have no defaults: they
/// come only from configuration (Key Vault, user secrets, environment), never from source.
/// </summary>
public sealed class ApprovalLinkOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Approvals:Links";

    /// <summary>The fewest bytes a signing secret may decode to: the HMAC-SHA256 output size.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>Gets the longest allowed <see cref="LinkLifetime"/>, matching the 30 days approvers know from Power Automate.</summary>
    public static TimeSpan MaxLinkLifetime { get; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Gets the signing keys: key id (1-32 of letters, digits, '-' and '_') to a base64 secret of at least
    /// <see cref="MinimumKeyBytes"/> bytes. Every key here verifies links; only <see cref="ActiveKeyId"/> signs new ones,
    /// so a retired key stays listed until the links it signed have expired.
    /// </summary>
    public Dictionary<string, string> SigningKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the id of the key that signs new links; it must be one of <see cref="SigningKeys"/>.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>Gets or sets how long a new link stays valid; at most <see cref="MaxLinkLifetime"/>.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets the public address of the site that serves <c>approvals/{token}</c>, e.g. <c>https://chorus.example.org/</c>.</summary>
    public Uri? PublicBaseUrl { get; set; }
}
