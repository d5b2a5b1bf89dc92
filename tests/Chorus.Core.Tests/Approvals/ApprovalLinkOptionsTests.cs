using Chorus.Approvals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chorus.Core.Tests.Approvals;

public sealed class ApprovalLinkOptionsTests
{
    private static readonly string Secret = TestSigners.NewSecret();

    [Fact]
    public void Valid_options_pass()
    {
        ValidateOptionsResult result = Validate(TestSigners.Options("k1", ("k1", Secret)));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void No_keys_is_reported_with_how_to_make_one()
    {
        string message = Failure(TestSigners.Options("k1"));

        Assert.Contains("Approvals:Links:SigningKeys must list at least one signing key", message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", message, StringComparison.Ordinal);
        Assert.Contains("Approvals:Links:ActiveKeyId 'k1' is not one of the keys under Approvals:Links:SigningKeys (none are configured)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_key_is_reported_without_echoing_it()
    {
        string shortSecret = TestSigners.NewSecret(16);

        string message = Failure(TestSigners.Options("k1", ("k1", shortSecret)));

        Assert.Contains("Approvals:Links:SigningKeys:k1 decodes to 16 bytes; it must be at least 32 random bytes", message, StringComparison.Ordinal);
        Assert.DoesNotContain(shortSecret, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("")]
    public void A_key_that_is_not_base64_is_reported(string secret)
    {
        string message = Failure(TestSigners.Options("k1", ("k1", secret)));

        Assert.Contains("Approvals:Links:SigningKeys:k1 must be a base64 secret", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has.dot")]
    [InlineData("has space")]
    [InlineData("this-key-id-is-much-longer-than-thirty-two")]
    public void A_key_id_that_cannot_travel_in_a_token_is_reported(string keyId)
    {
        string message = Failure(TestSigners.Options(keyId, (keyId, Secret)));

        Assert.Contains($"Approvals:Links:SigningKeys key id '{keyId}' is not allowed", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_active_key_id_that_is_not_configured_is_reported_with_the_configured_ids()
    {
        string message = Failure(TestSigners.Options("k3", ("k1", Secret), ("k2", TestSigners.NewSecret())));

        Assert.Contains("Approvals:Links:ActiveKeyId 'k3' is not one of the keys under Approvals:Links:SigningKeys (configured: k1, k2)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_active_key_id_is_reported()
    {
        ApprovalLinkOptions options = TestSigners.Options("k1", ("k1", Secret));
        options.ActiveKeyId = null;

        Assert.Contains("Approvals:Links:ActiveKeyId is required", Failure(options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("approvals/")]
    [InlineData("/")]
    [InlineData("ftp://chorus.example.org/")]
    [InlineData("file:///srv/chorus")]
    public void A_base_url_that_is_not_absolute_http_is_reported(string url)
    {
        ApprovalLinkOptions options = TestSigners.Options("k1", ("k1", Secret));
        options.PublicBaseUrl = new Uri(url, UriKind.RelativeOrAbsolute);

        Assert.Contains("Approvals:Links:PublicBaseUrl must be an absolute http(s) address", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void A_base_url_with_a_query_or_password_is_reported_without_echoing_it()
    {
        ApprovalLinkOptions options = TestSigners.Options("k1", ("k1", Secret));
        options.PublicBaseUrl = new Uri("https://user:hunter2@chorus.example.org/?x=1");

        string message = Failure(options);

        Assert.Contains("Approvals:Links:PublicBaseUrl must not have a query, fragment or user info", message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_base_url_is_reported()
    {
        ApprovalLinkOptions options = TestSigners.Options("k1", ("k1", Secret));
        options.PublicBaseUrl = null;

        Assert.Contains("Approvals:Links:PublicBaseUrl is required", Failure(options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-1.00:00:00")]
    [InlineData("30.00:00:01")]
    public void A_lifetime_outside_zero_to_30_days_is_reported(string lifetime)
    {
        ApprovalLinkOptions options = TestSigners.Options("k1", ("k1", Secret));
        options.LinkLifetime = TimeSpan.Parse(lifetime, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains("Approvals:Links:LinkLifetime must be more than zero and at most 30 days", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_lifetime_is_seven_days() =>
        Assert.Equal(TimeSpan.FromDays(7), new ApprovalLinkOptions().LinkLifetime);

    [Fact]
    public void Options_bind_from_the_approvals_links_section()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Approvals:Links:SigningKeys:2025-01"] = Secret,
                ["Approvals:Links:SigningKeys:2025-03"] = Secret,
                ["Approvals:Links:ActiveKeyId"] = "2025-03",
                ["Approvals:Links:LinkLifetime"] = "3.00:00:00",
                ["Approvals:Links:PublicBaseUrl"] = "http://127.0.0.1:5080/",
            })
            .Build();

        ApprovalLinkOptions options = new();
        configuration.GetSection(ApprovalLinkOptions.SectionName).Bind(options);

        Assert.True(Validate(options).Succeeded);
        Assert.Equal(["2025-01", "2025-03"], options.SigningKeys.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(TimeSpan.FromDays(3), options.LinkLifetime);
        Assert.Equal(new Uri("http://127.0.0.1:5080/"), options.PublicBaseUrl);
    }

    [Fact]
    public void A_relative_base_url_from_configuration_is_reported()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Approvals:Links:PublicBaseUrl"] = "chorus/approvals" })
            .Build();
        ApprovalLinkOptions options = TestSigners.Options("k1", ("k1", Secret));

        configuration.GetSection(ApprovalLinkOptions.SectionName).Bind(options);

        Assert.Contains("(got 'chorus/approvals')", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void A_signer_built_by_hand_from_bad_options_refuses_to_start()
    {
        OptionsValidationException error = Assert.Throws<OptionsValidationException>(
            () => TestSigners.Create(TestSigners.Options("k1", ("k1", TestSigners.NewSecret(8))), new FakeTimeProvider()));

        Assert.Contains("Approvals:Links:SigningKeys:k1 decodes to 8 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_validates_on_start_and_keeps_an_existing_clock()
    {
        FakeTimeProvider clock = new();
        ServiceCollection services = new();
        services.AddSingleton<TimeProvider>(clock);

        services.AddApprovalLinks(new ConfigurationBuilder().Build());

        Assert.Single(services, d => d.ServiceType == typeof(TimeProvider));
        Assert.Contains(services, d => d.ServiceType == typeof(ApprovalTokenSigner) && d.Lifetime == ServiceLifetime.Singleton);
        Assert.Contains(services, d => d.ServiceType == typeof(IValidateOptions<ApprovalLinkOptions>) && d.ImplementationType == typeof(ApprovalLinkOptionsValidator));
        Assert.Contains(services, d => d.ServiceType == typeof(IStartupValidator));
    }

    private static ValidateOptionsResult Validate(ApprovalLinkOptions options) => new ApprovalLinkOptionsValidator().Validate(Microsoft.Extensions.Options.Options.DefaultName, options);

    private static string Failure(ApprovalLinkOptions options)
    {
        ValidateOptionsResult result = Validate(options);
        Assert.True(result.Failed, "Expected the options to be refused.");
        return result.FailureMessage;
    }
}
