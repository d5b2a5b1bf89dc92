namespace Chorus.Mail;

/// <summary>Sends email and returns the message exactly as sent (RFC 5322, .eml), to keep as an artefact.</summary>
public interface IMailer
{
    /// <summary>Sends the message; returns its .eml bytes.</summary>
    Task<byte[]> SendAsync(MailMessage message, CancellationToken cancellationToken = default);
}
