using System.Net.Sockets;
using Chorus.Mail;
using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace Chorus.Infrastructure.Mail;

/// <summary>
/// Sends each message over its own SMTP connection with MailKit. Failures are thrown as they come: the
/// orchestration's retry policy decides what to do, and the fixed Message-ID lets recipients spot a re-send.
/// </summary>
internal sealed class SmtpMailer(SmtpOptions options, TimeProvider timeProvider) : IMailer
{
    /// <inheritdoc/>
    /// <remarks>
    /// <see cref="MailMessage.MessageId"/> may be given with or without its angle brackets. The returned bytes use
    /// CRLF line endings, as on the wire.
    /// </remarks>
    public async Task<byte[]> SendAsync(MailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using MimeMessage mime = Compose(message);

        // Fix the transfer encodings (7-bit safe, short lines) before sending, so that the SMTP client, which would
        // otherwise choose them by what the server supports, leaves them alone: the bytes kept are the bytes sent.
        mime.Prepare(EncodingConstraint.SevenBit);

        using SmtpClient client = await SmtpConnection.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        if (options is { UserName: { Length: > 0 } userName, Password: { } password })
        {
            await client.AuthenticateAsync(userName, password, cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(mime, cancellationToken).ConfigureAwait(false);
        await QuitAsync(client).ConfigureAwait(false);
        return await SerializeAsync(mime).ConfigureAwait(false);
    }

    private MimeMessage Compose(MailMessage message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message.MessageId);
        if (message.To.Count == 0)
        {
            throw new ArgumentException("The message has no recipients.", nameof(message));
        }

        BodyBuilder body = new() { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        foreach (MailImage image in message.Images)
        {
            // Linked to the HTML (multipart/related), shown where it says cid:{ContentId}.
            MimeEntity part = body.LinkedResources.Add(image.FileName, image.Png.ToArray(), new ContentType("image", "png"));
            part.ContentId = image.ContentId;
        }

        MimeMessage mime = new()
        {
            Subject = message.Subject,
            Date = timeProvider.GetUtcNow(),
            Body = body.ToMessageBody(),
        };
        try
        {
            mime.MessageId = message.MessageId;
            mime.From.Add(new MailboxAddress(options.FromName ?? string.Empty, options.FromAddress));
            foreach (MailAddress to in message.To)
            {
                mime.To.Add(new MailboxAddress(to.DisplayName ?? string.Empty, to.Address));
            }
        }
        catch
        {
            mime.Dispose();
            throw;
        }

        return mime;
    }

    /// <summary>Ends the session politely, but never fails a send the server has already accepted.</summary>
    private static async Task QuitAsync(SmtpClient client)
    {
        try
        {
            // Not the caller's token: the message is accepted, and cancelling now would only invite a duplicate.
            await client.DisconnectAsync(quit: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ProtocolException or CommandException or TimeoutException)
        {
            // Disposing the client closes the socket anyway.
        }
    }

    private static async Task<byte[]> SerializeAsync(MimeMessage mime)
    {
        FormatOptions format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        using MemoryStream eml = new();
        await mime.WriteToAsync(format, eml).ConfigureAwait(false);
        return eml.ToArray();
    }
}
