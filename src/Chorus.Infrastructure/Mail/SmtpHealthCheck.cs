using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Mail;

/// <summary>
/// Readiness of mail: the configured SMTP server accepts a session (connect, EHLO, TLS as configured) and answers NOOP.
/// It does not log in: a probe that authenticates every few seconds can lock the account out.
/// </summary>
public sealed class SmtpHealthCheck(IOptions<SmtpOptions> options) : IHealthCheck
{
    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            using SmtpClient client = await SmtpConnection.ConnectAsync(options.Value, cancellationToken).ConfigureAwait(false);
            await client.NoOpAsync(cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The mail server accepts a session and answers NOOP.");
        }
        catch (Exception ex) when (ex is IOException or SocketException or ProtocolException or CommandException or SslHandshakeException or AuthenticationException or TimeoutException)
        {
            // The server's name and the exception's text go to the log only: the answer is public.
            return new HealthCheckResult(context.Registration.FailureStatus, "The mail server did not accept a session.", ex);
        }
    }
}
