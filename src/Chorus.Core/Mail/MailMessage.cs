namespace Chorus.Mail;

/// <summary>
/// An email to send: HTML and plain-text bodies of the same content. <paramref name="MessageId"/> is deterministic
/// (derived from the instance and step), so a re-sent message after a retry carries the same id.
/// </summary>
public sealed record MailMessage(string MessageId, IReadOnlyList<MailAddress> To, string Subject, string HtmlBody, string TextBody)
{
    /// <summary>Gets the images the HTML body shows inline (none by default).</summary>
    public IReadOnlyList<MailImage> Images { get; init; } = [];
}

/// <summary>A mailbox: address and optional display name.</summary>
public sealed record MailAddress(string Address, string? DisplayName = null);
