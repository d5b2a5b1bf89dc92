using MailKit.Security;

namespace Chorus.Infrastructure.Mail;

/// <summary>The SMTP server mail is sent through, bound from the <c>Mail</c> configuration section.</summary>
public sealed class SmtpOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Mail";

    /// <summary>Gets or sets the SMTP server's host name or address. Required.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>Gets or sets the SMTP port (25, 587 for submission with STARTTLS, 465 for TLS on connect).</summary>
    public int Port { get; set; } = 25;

    /// <summary>
    /// Gets or sets how the connection is secured: <c>Auto</c> (TLS on connect for port 465, otherwise STARTTLS when
    /// the server offers it), <c>None</c>, <c>StartTls</c> (required) or <c>SslOnConnect</c>.
    /// </summary>
    /// <remarks>
    /// A string rather than an enum so a typo fails validation with a message naming the valid values, and so the
    /// public surface does not expose MailKit's types.
    /// </remarks>
    public string SecureSocket { get; set; } = "Auto";

    /// <summary>Gets or sets the user name to authenticate with; leave unset for a server that needs none.</summary>
    public string? UserName { get; set; }

    /// <summary>Gets or sets the password; supply it from configuration only (e.g. a Key Vault reference on Azure).</summary>
    public string? Password { get; set; }

    /// <summary>Gets or sets the sender's address: a bare address (<see cref="Chorus.Mail.EmailAddress"/>); the default is the one appsettings.json sets.</summary>
    public string FromAddress { get; set; } = "chorus@chorus.local";

    /// <summary>Gets or sets the sender's display name; empty for none.</summary>
    public string? FromName { get; set; } = "Chorus";

    /// <summary>Gets or sets how long any one SMTP operation (connect, a command, the upload) may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the accepted <see cref="SecureSocket"/> values and what each means to MailKit.</summary>
    internal static IReadOnlyDictionary<string, SecureSocketOptions> SecureSocketValues { get; } =
        new Dictionary<string, SecureSocketOptions>(StringComparer.OrdinalIgnoreCase)
        {
            ["Auto"] = SecureSocketOptions.Auto,
            ["None"] = SecureSocketOptions.None,
            ["StartTls"] = SecureSocketOptions.StartTls,
            ["SslOnConnect"] = SecureSocketOptions.SslOnConnect,
        };
}
