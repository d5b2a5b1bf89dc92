using System.Globalization;
using System.Text.Json;
using Chorus.Infrastructure.Mail;
using Chorus.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Tests.Mail;

/// <summary><c>AddSmtpMail</c>: the <c>Mail</c> section, its start-up validation, and the mailer it registers.</summary>
[Collection(MaildevCollection.Name)]
public sealed class SmtpOptionsTests(MaildevFixture maildev)
{
    [Fact]
    public async Task The_registered_mailer_sends_through_the_configured_server_as_the_configured_sender()
    {
        IServiceCollection services = Register(new()
        {
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:Port"] = maildev.Server.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mail:SecureSocket"] = "none",
            ["Mail:FromAddress"] = "noreply@chorus.example",
            ["Mail:FromName"] = "Chorus Bot",
            ["Mail:Timeout"] = "00:00:05",
        });
        SmtpOptions options = services.CreateOptions<SmtpOptions>();
        IMailer mailer = services.CreateSingleton<IMailer>(new Dictionary<Type, object>
        {
            [typeof(IOptions<SmtpOptions>)] = Options.Create(options),
            [typeof(TimeProvider)] = TimeProvider.System,
        });

        await mailer.SendAsync(new MailMessage("<registered@chorus.example>", [new MailAddress("editor@example.com")], "Configured", "<p>hi</p>", "hi"));

        JsonElement from = Assert.Single((await maildev.WaitForMailAsync("registered@chorus.example")).GetProperty("from").EnumerateArray());
        Assert.Equal(("noreply@chorus.example", "Chorus Bot"), (from.GetProperty("address").GetString(), from.GetProperty("name").GetString()));
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.Contains(services, d => d.ServiceType == typeof(IStartupValidator));
    }

    [Fact]
    public void Only_the_host_is_needed_and_the_rest_defaults()
    {
        SmtpOptions options = Register(new() { ["Mail:Host"] = "smtp.example.com" }).CreateOptions<SmtpOptions>();

        Assert.Equal(
            (25, "Auto", "chorus@chorus.local", "Chorus", TimeSpan.FromSeconds(30), (string?)null, (string?)null),
            (options.Port, options.SecureSocket, options.FromAddress, options.FromName, options.Timeout, options.UserName, options.Password));
    }

    [Fact]
    public void A_missing_host_fails_start_up_naming_the_setting() =>
        Assert.StartsWith("Mail:Host is required", Failure([]), StringComparison.Ordinal);

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-25")]
    public void A_port_out_of_range_fails_start_up(string port) =>
        Assert.Equal($"Mail:Port must be between 1 and 65535 (got {port}).", Failure(new() { ["Mail:Host"] = "smtp.example.com", ["Mail:Port"] = port }));

    [Fact]
    public void An_unknown_secure_socket_mode_fails_start_up_listing_the_valid_ones() =>
        Assert.Equal(
            "Mail:SecureSocket must be one of Auto, None, StartTls, SslOnConnect (got 'Tls').",
            Failure(new() { ["Mail:Host"] = "smtp.example.com", ["Mail:SecureSocket"] = "Tls" }));

    [Theory]
    [InlineData("Mail:UserName", "Password")]
    [InlineData("Mail:Password", "UserName")]
    public void A_user_name_without_a_password_or_the_reverse_fails_start_up(string key, string missing) =>
        Assert.Equal(
            $"Set both Mail:UserName and Mail:Password, or neither: only {(missing == "Password" ? "UserName" : "Password")} is set.",
            Failure(new() { ["Mail:Host"] = "smtp.example.com", [key] = "x" }));

    [Theory]
    [InlineData("Chorus <chorus@example.com>")]
    [InlineData("not an address")]
    [InlineData("chorus@")]
    [InlineData("chorus@localhost")]
    [InlineData("\"chorus bot\"@example.com")]
    public void A_from_address_that_is_not_a_plain_address_fails_start_up(string from) =>
        Assert.StartsWith(
            "Mail:FromAddress must be a plain email address",
            Failure(new() { ["Mail:Host"] = "smtp.example.com", ["Mail:FromAddress"] = from }),
            StringComparison.Ordinal);

    [Fact]
    public void An_empty_from_address_fails_start_up() =>
        Assert.StartsWith("Mail:FromAddress is required", Failure(new() { ["Mail:Host"] = "smtp.example.com", ["Mail:FromAddress"] = string.Empty }), StringComparison.Ordinal);

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("01:00:00")]
    public void A_timeout_out_of_range_fails_start_up(string timeout) =>
        Assert.StartsWith("Mail:Timeout must be between 00:00:01 and 00:10:00", Failure(new() { ["Mail:Host"] = "smtp.example.com", ["Mail:Timeout"] = timeout }), StringComparison.Ordinal);

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() =>
            Register(new() { ["Mail:Port"] = "0", ["Mail:SecureSocket"] = "Tls" }).CreateOptions<SmtpOptions>());

        Assert.Equal(3, error.Failures.Count());
    }

    private static IServiceCollection Register(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSmtpMail(configuration);
    }

    private static string Failure(Dictionary<string, string?> settings)
    {
        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => Register(settings).CreateOptions<SmtpOptions>());
        return Assert.Single(error.Failures);
    }
}
