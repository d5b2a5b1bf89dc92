using Chorus.LocalComponents;

namespace Chorus.Host.LocalDevelopment;

/// <summary>
/// The embedded defaults: when no storage or SMTP server is configured, start Azurite and maildev on free loopback
/// ports and point the configuration at them, so one command runs the whole pipeline on a fresh machine.
/// </summary>
internal sealed class EmbeddedDefaults : IAsyncDisposable
{
    private AzuriteServer? _azurite;
    private MaildevServer? _maildev;

    /// <summary>Gets the maildev web UI, when maildev was started here.</summary>
    public Uri? MailUi => _maildev?.WebUri;

    /// <summary>Gets whether Azurite was started here.</summary>
    public bool StartedAzurite => _azurite is not null;

    public static async Task<EmbeddedDefaults> StartAsync(IConfigurationManager configuration, CancellationToken cancellationToken = default)
    {
        EmbeddedDefaults defaults = new();
        Dictionary<string, string?> settings = [];
        if (string.IsNullOrEmpty(configuration["Durable:ConnectionString"]) && string.IsNullOrEmpty(configuration["Durable:BlobServiceUri"]))
        {
            defaults._azurite = await AzuriteServer.StartAsync(cancellationToken).ConfigureAwait(false);
            settings["Durable:ConnectionString"] = defaults._azurite.ConnectionString;
            settings["Artefacts:ConnectionString"] = defaults._azurite.ConnectionString;
        }

        if (string.IsNullOrEmpty(configuration["Mail:Host"]))
        {
            defaults._maildev = await MaildevServer.StartAsync(cancellationToken).ConfigureAwait(false);
            settings["Mail:Host"] = "127.0.0.1";
            settings["Mail:Port"] = defaults._maildev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Mail:WebUi"] = defaults._maildev.WebUri.ToString();
        }

        configuration.AddInMemoryCollection(settings);
        return defaults;
    }

    public async ValueTask DisposeAsync()
    {
        if (_maildev is not null)
        {
            await _maildev.DisposeAsync().ConfigureAwait(false);
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync().ConfigureAwait(false);
        }
    }
}
