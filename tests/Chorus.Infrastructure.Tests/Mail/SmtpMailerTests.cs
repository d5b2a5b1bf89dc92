using System.Text;
using System.Text.Json;
using Chorus.Infrastructure.Mail;
using Chorus.Mail;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Chorus.Infrastructure.Tests.Mail;

/// <summary>The SMTP mailer against a real SMTP server (maildev), read back over maildev's REST API.</summary>
[Collection(MaildevCollection.Name)]
public sealed class SmtpMailerTests(MaildevFixture maildev)
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 9, 30, 15, TimeSpan.Zero);

    [Fact]
    public async Task A_sent_message_arrives_with_its_subject_recipients_both_bodies_and_message_id()
    {
        MailMessage message = Message("<approve.inst-1.step-3@chorus.example>", "Approve post p-1");

        await Mailer().SendAsync(message);

        JsonElement mail = await maildev.WaitForMailAsync(message.MessageId);
        Assert.Equal("Approve post p-1", mail.GetProperty("subject").GetString());
        Assert.Equal(
            [("editor@example.com", "Eda Editor"), ("second@example.com", string.Empty)],
            mail.GetProperty("to").EnumerateArray().Select(to => (to.GetProperty("address").GetString(), to.GetProperty("name").GetString())));
        Assert.Equal("chorus@chorus.local", Assert.Single(mail.GetProperty("from").EnumerateArray()).GetProperty("address").GetString());
        Assert.Contains("<a href=\"https://chorus.example/approve\">Approve</a>", mail.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Contains("Approve: https://chorus.example/approve", mail.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("<approve.inst-1.step-3@chorus.example>", mail.GetProperty("headers").GetProperty("message-id").GetString());

        using MimeMessage received = Load(await maildev.GetSourceAsync(mail));
        MultipartAlternative alternative = Assert.IsType<MultipartAlternative>(received.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(part => part.ContentType.MimeType));
        Assert.Equal(Now, received.Date);
    }

    [Fact]
    public async Task The_message_id_may_be_given_without_angle_brackets()
    {
        MailMessage message = Message("bare.inst-2@chorus.example", "Bare id");

        byte[] eml = await Mailer().SendAsync(message);

        JsonElement mail = await maildev.WaitForMailAsync(message.MessageId);
        Assert.Equal("<bare.inst-2@chorus.example>", mail.GetProperty("headers").GetProperty("message-id").GetString());
        Assert.Equal("bare.inst-2@chorus.example", Load(eml).MessageId);
    }

    [Fact]
    public async Task The_returned_eml_is_byte_for_byte_what_the_server_received()
    {
        MailMessage message = Message("<eml.inst-3@chorus.example>", "Grüße, Zoë — “quoted” ✓") with
        {
            HtmlBody = "<p>Grüße ✓</p><p>" + new string('x', 300) + "</p>",
            TextBody = "Grüße ✓\n" + new string('y', 300) + "\n.\nA line that is only a dot, above.",
        };

        byte[] eml = await Mailer().SendAsync(message);

        JsonElement mail = await maildev.WaitForMailAsync(message.MessageId);
        byte[] received = await maildev.GetSourceAsync(mail);
        Assert.Equal(Encoding.UTF8.GetString(eml), Encoding.UTF8.GetString(received));
        Assert.Equal("Grüße, Zoë — “quoted” ✓", mail.GetProperty("subject").GetString());

        using MimeMessage parsed = Load(eml);
        Assert.Equal("Grüße, Zoë — “quoted” ✓", parsed.Subject);
        Assert.Equal("eml.inst-3@chorus.example", parsed.MessageId);
        Assert.Equal(Now, parsed.Date);
        Assert.Equal(message.TextBody, parsed.TextBody?.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'));
        Assert.Equal(message.HtmlBody, parsed.HtmlBody?.TrimEnd('\r', '\n'));
        Assert.All(Encoding.ASCII.GetString(eml).Split("\r\n"), line => Assert.True(line.Length <= 998, line));
        Assert.All(eml, b => Assert.True(b < 0x80, "The message is 7-bit clean."));
    }

    [Fact]
    public async Task An_unknown_host_fails_the_send()
    {
        SmtpMailer mailer = Mailer(options => options.Host = "smtp.chorus.invalid");

        await Assert.ThrowsAnyAsync<Exception>(() => mailer.SendAsync(Message("<bad-host@chorus.example>", "Never sent")));
    }

    [Fact]
    public async Task A_closed_port_fails_the_send()
    {
        SmtpMailer mailer = Mailer(options => options.Port = Chorus.LocalComponents.LoopbackPort.GetFree());

        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => mailer.SendAsync(Message("<closed-port@chorus.example>", "Never sent")));
    }

    [Fact]
    public async Task Requiring_starttls_of_a_server_without_it_fails_the_send()
    {
        SmtpMailer mailer = Mailer(options => options.SecureSocket = "StartTls");

        await Assert.ThrowsAsync<NotSupportedException>(() => mailer.SendAsync(Message("<starttls@chorus.example>", "Never sent")));
    }

    [Fact]
    public async Task A_message_without_recipients_is_refused_before_connecting()
    {
        SmtpMailer mailer = Mailer(options => options.Port = Chorus.LocalComponents.LoopbackPort.GetFree());

        await Assert.ThrowsAsync<ArgumentException>(() => mailer.SendAsync(Message("<nobody@chorus.example>", "Nobody") with { To = [] }));
    }

    private SmtpMailer Mailer(Action<SmtpOptions>? configure = null)
    {
        SmtpOptions options = new() { Host = "127.0.0.1", Port = maildev.Server.SmtpPort, Timeout = TimeSpan.FromSeconds(10) };
        configure?.Invoke(options);
        return new SmtpMailer(options, new FakeTimeProvider(Now));
    }

    private static MailMessage Message(string messageId, string subject) => new(
        messageId,
        [new MailAddress("editor@example.com", "Eda Editor"), new MailAddress("second@example.com")],
        subject,
        "<p>Please review.</p><p><a href=\"https://chorus.example/approve\">Approve</a></p>",
        "Please review.\nApprove: https://chorus.example/approve");

    private static MimeMessage Load(byte[] eml)
    {
        using MemoryStream stream = new(eml);
        return MimeMessage.Load(stream);
    }
}
