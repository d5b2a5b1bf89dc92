using System.Globalization;
using System.Security.Cryptography;
using Chorus.LocalComponents;

namespace Chorus.Host.LocalDevelopment;

/// <summary>
/// The embedded defaults: what is not configured is provided locally, so one command runs the whole pipeline on a
/// fresh machine. No storage configured: Azurite (in memory). No SMTP server: maildev. No link-signing key or API
/// key: random ones for this run only (printed; links and keys die with the process). Anything configured is used
/// as it is and nothing local is started for it.
/// </summary>
internal sealed class EmbeddedDefaults : IAsyncDisposable
{
    private readonly List<string> _notes = [];
    private AzuriteServer? _azurite;
    private MaildevServer? _maildev;

    public static async Task<EmbeddedDefaults> StartAsync(IConfigurationManager configuration, CancellationToken cancellationToken = default)
    {
        EmbeddedDefaults defaults = new();
        Dictionary<string, string?> settings = [];
        if (string.IsNullOrEmpty(configuration["Durable:ConnectionString"]) && string.IsNullOrEmpty(configuration["Durable:AccountName"]))
        {
            defaults._azurite = await AzuriteServer.StartAsync(cancellationToken).ConfigureAwait(false);
            settings["Durable:ConnectionString"] = defaults._azurite.ConnectionString;
            if (string.IsNullOrEmpty(configuration["Durable:PartitionCount"]))
            {
                // Only this process can ever use a hub in its own in-memory Azurite, and Azurite's queue reads scan every
                // message, so each extra partition's poller only costs (tests/benchmarks/README.md, posts).
                settings["Durable:PartitionCount"] = "1";
            }

            if (string.IsNullOrEmpty(configuration["Artefacts:ConnectionString"]) && string.IsNullOrEmpty(configuration["Artefacts:BlobServiceUri"]))
            {
                settings["Artefacts:ConnectionString"] = defaults._azurite.ConnectionString;
            }

            defaults._notes.Add("Storage: Azurite (blob, queue, table), in memory, started by Chorus (its contents vanish on exit)");
        }

        if (string.IsNullOrEmpty(configuration["Mail:Host"]))
        {
            defaults._maildev = await MaildevServer.StartAsync(cancellationToken).ConfigureAwait(false);
            settings["Mail:Host"] = "127.0.0.1";
            settings["Mail:Port"] = defaults._maildev.SmtpPort.ToString(CultureInfo.InvariantCulture);
            defaults._notes.Add($"Mail: maildev, read every email Chorus sends at {defaults._maildev.WebUri}");
        }

        if (configuration.GetSection("Approvals:Links:SigningKeys").GetChildren().Any() is false)
        {
            settings["Approvals:Links:SigningKeys:local"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            settings["Approvals:Links:ActiveKeyId"] = "local";
            defaults._notes.Add("Approval links: signed with a random key for this run only");
        }

        if (string.IsNullOrEmpty(configuration["Approvals:Links:PublicBaseUrl"]))
        {
            string url = (configuration["Urls"] ?? "http://127.0.0.1:5080").Split(';')[0].TrimEnd('/') + "/";
            settings["Approvals:Links:PublicBaseUrl"] = url;
        }

        if (configuration.GetSection("Api:Keys").GetChildren().Any() is false)
        {
            string key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            settings["Api:Keys:local"] = key;
            defaults._notes.Add($"API key for this run (header X-Api-Key): {key}");
        }

        string baseUrl = settings.GetValueOrDefault("Approvals:Links:PublicBaseUrl") ?? configuration["Approvals:Links:PublicBaseUrl"]!;
        if (configuration.GetSection("Mentions:Sources").GetChildren().Any() is false)
        {
            // A bundled feed, served by this host, so triage emails show up within a minute of starting.
            settings["Samples:Enabled"] = "true";
            settings["Mentions:Sources:sample:Kind"] = "Rss";
            settings["Mentions:Sources:sample:Endpoint"] = baseUrl + "samples/mentions.xml";
            settings["Mentions:Sources:sample:Schedule"] = "*/20 * * * * *";
            defaults._notes.Add($"Mentions: polling the bundled sample feed {baseUrl}samples/mentions.xml every 20 s");
        }

        configuration.AddInMemoryCollection(settings);
        return defaults;
    }

    public void PrintWelcome(ICollection<string> urls)
    {
        Console.WriteLine($"Chorus is running at {string.Join(", ", urls)}");
        foreach (string note in _notes)
        {
            Console.WriteLine("  " + note);
        }
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
