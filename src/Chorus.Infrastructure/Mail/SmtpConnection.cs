using MailKit.Net.Smtp;

namespace Chorus.Infrastructure.Mail;

/// <summary>Opens an SMTP session to the configured server: what sending mail and the readiness check both start with.</summary>
internal static class SmtpConnection
{
    /// <summary>Connects (and so greets with EHLO, securing the session as configured); the caller disposes the client.</summary>
    public static async Task<SmtpClient> ConnectAsync(SmtpOptions options, CancellationToken cancellationToken)
    {
        SmtpClient client = new() { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.Host, options.Port, SmtpOptions.SecureSocketValues[options.SecureSocket], cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
