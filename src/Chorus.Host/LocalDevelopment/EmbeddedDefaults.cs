using System.Diagnostics;
using System.Globalization;
using Chorus.Host.Dashboard;
using Chorus.LocalComponents;

namespace Chorus.Host.LocalDevelopment;

/// <summary>
/// The embedded defaults: what is not configured is provided locally, so one command runs the whole pipeline on a
/// fresh machine. No storage configured: Azurite. No SMTP server: maildev. No link-signing key or API key: dev keys.
/// Azurite's data, the dev keys and the DataProtection keys are kept in the dev folder (<see cref="LocalDataFolder"/>)
/// so a restart carries on where the last run stopped; <c>LocalDevelopment:Persist=false</c> keeps nothing. Anything
/// configured is used as it is and nothing local is started or kept for it. Says what it does as it does it.
/// </summary>
internal sealed class EmbeddedDefaults : IAsyncDisposable
{
    private AzuriteServer? _azurite;
    private MaildevServer? _maildev;
    private WelcomeBlock _welcome = new(new Uri("http://127.0.0.1:5080/"));

    public static async Task<EmbeddedDefaults> StartAsync(WebApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        ConfigurationManager configuration = builder.Configuration;
        LocalDevelopmentOptions local = LocalDevelopmentOptions.From(configuration);
        bool needStorage = string.IsNullOrEmpty(configuration["Durable:ConnectionString"]) && string.IsNullOrEmpty(configuration["Durable:AccountName"]);
        bool needMail = string.IsNullOrEmpty(configuration["Mail:Host"]);
        bool needSigningKey = configuration.GetSection("Approvals:Links:SigningKeys").GetChildren().Any() is false;
        bool needApiKey = configuration.GetSection("Api:Keys").GetChildren().Any() is false;
        LocalDataFolder? folder = local.Persist && (needStorage || needSigningKey || needApiKey)
            ? LocalDataFolder.Resolve(local, builder.Environment.ContentRootPath)
            : null;
        folder?.Create();

        if (needStorage || needMail)
        {
            await InstallNodeToolsAsync(cancellationToken).ConfigureAwait(false);
        }

        // Side by side: each takes a second or two, and neither needs the other.
        Task<AzuriteServer>? azurite = needStorage ? StartAzuriteAsync(folder, cancellationToken) : null;
        Task<MaildevServer>? maildev = needMail ? StartMaildevAsync(cancellationToken) : null;
        try
        {
            await Task.WhenAll(new Task?[] { azurite, maildev }.OfType<Task>()).ConfigureAwait(false);
        }
        catch
        {
            // The one that did start must not outlive the failure.
            await using EmbeddedDefaults started = Started(azurite, maildev);
            throw;
        }

        EmbeddedDefaults defaults = Started(azurite, maildev);
        Dictionary<string, string?> settings = [];
        if (defaults._azurite is not null)
        {
            settings["Durable:ConnectionString"] = defaults._azurite.ConnectionString;
            if (string.IsNullOrEmpty(configuration["Durable:PartitionCount"]))
            {
                // Only this process can ever use a hub in its own Azurite, and Azurite's queue reads scan every message,
                // so each extra partition's poller only costs (tests/benchmarks/README.md, posts). A kept hub was made
                // with this count too, and a hub's partition count is fixed when it is created.
                settings["Durable:PartitionCount"] = "1";
            }

            if (string.IsNullOrEmpty(configuration["Artefacts:ConnectionString"]) && string.IsNullOrEmpty(configuration["Artefacts:BlobServiceUri"]))
            {
                settings["Artefacts:ConnectionString"] = defaults._azurite.ConnectionString;
            }
        }

        if (defaults._maildev is not null)
        {
            settings["Mail:Host"] = "127.0.0.1";
            settings["Mail:Port"] = defaults._maildev.SmtpPort.ToString(CultureInfo.InvariantCulture);
        }

        DevKeys keys = needSigningKey || needApiKey ? LoadDevKeys(folder, needApiKey, needSigningKey) : new DevKeys(null, null);
        if (needSigningKey)
        {
            settings["Approvals:Links:SigningKeys:local"] = keys.SigningKey;
            settings["Approvals:Links:ActiveKeyId"] = "local";
        }

        if (needApiKey)
        {
            settings["Api:Keys:local"] = keys.ApiKey;
        }

        string baseUrl = configuration["Approvals:Links:PublicBaseUrl"] ?? string.Empty;
        if (string.IsNullOrEmpty(baseUrl))
        {
            baseUrl = (configuration["Urls"] ?? "http://127.0.0.1:5080").Split(';')[0].TrimEnd('/') + "/";
            settings["Approvals:Links:PublicBaseUrl"] = baseUrl;
        }

        Uri? sampleFeed = null;
        if (configuration.GetSection("Mentions:Sources").GetChildren().Any() is false)
        {
            // A bundled feed, served by this host, so triage emails show up within a minute of starting.
            sampleFeed = new Uri(new Uri(baseUrl), "samples/mentions.xml");
            settings["Samples:Enabled"] = "true";
            settings["Mentions:Sources:sample:Kind"] = "Rss";
            settings["Mentions:Sources:sample:Endpoint"] = sampleFeed.ToString();
            settings["Mentions:Sources:sample:Schedule"] = "*/20 * * * * *";
        }

        if (string.IsNullOrEmpty(configuration["Logging:LogLevel:Microsoft.Hosting.Lifetime"]))
        {
            // The welcome block says where everything listens and how to stop, once everything does; the host's own
            // "Now listening on" lines come from an asynchronous logger, land after it and name the sidecar's port too.
            settings["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning";
        }

        if (folder is not null)
        {
            builder.Services.KeepDataProtectionKeysIn(folder.DataProtectionKeys);
        }

        configuration.AddInMemoryCollection(settings);
        defaults._welcome = defaults._welcome with
        {
            ApiKey = needApiKey ? keys.ApiKey : null,
            KeysKept = folder is not null,
            Maildev = defaults._maildev,
            Azurite = defaults._azurite,
            Folder = folder,
            SampleFeed = sampleFeed,
        };
        StartupConsole.Say("starting Chorus: the API, the approval pages and the Durable Task worker ...");
        return defaults;
    }

    private static EmbeddedDefaults Started(Task<AzuriteServer>? azurite, Task<MaildevServer>? maildev) => new()
    {
        _azurite = azurite is { IsCompletedSuccessfully: true } ? azurite.Result : null,
        _maildev = maildev is { IsCompletedSuccessfully: true } ? maildev.Result : null,
    };

    /// <summary>Prints the welcome block, with the address the host really listens on and a fresh dashboard sign-in link.</summary>
    public void PrintWelcome(ICollection<string> urls, IServiceProvider services)
    {
        string first = urls.FirstOrDefault() ?? _welcome.BaseUri.ToString();
        Uri baseUri = new(first.TrimEnd('/') + "/");
        _welcome = _welcome with { BaseUri = baseUri, Dashboard = DashboardSetup.WelcomeLine(services, baseUri) };
        _welcome.Write(Console.Out);
    }

    public async ValueTask DisposeAsync()
    {
        bool any = _maildev is not null || _azurite is not null;
        if (_maildev is not null)
        {
            await _maildev.DisposeAsync().ConfigureAwait(false);
            _maildev = null;
        }

        if (_azurite is not null)
        {
            if (_azurite.Location is not null)
            {
                StartupConsole.Say($"stopping Azurite (saving its data in {_azurite.Location}) ...");
            }

            await _azurite.DisposeAsync().ConfigureAwait(false);
            _azurite = null;
        }

        if (any)
        {
            StartupConsole.Say("stopped");
        }
    }

    private static async Task InstallNodeToolsAsync(CancellationToken cancellationToken)
    {
        if (NodeTools.IsInstalled(AzuriteServer.Script) && NodeTools.IsInstalled(MaildevServer.Script))
        {
            return;
        }

        StartupConsole.Say($"installing Azurite and maildev with 'npm ci' into {Path.Combine(NodeTools.RepositoryRoot, "node_modules")} (first run only; about a minute) ...");
        Stopwatch clock = Stopwatch.StartNew();
        await NodeTools.ResolveAsync(AzuriteServer.Script, cancellationToken).ConfigureAwait(false);
        await NodeTools.ResolveAsync(MaildevServer.Script, cancellationToken).ConfigureAwait(false);
        StartupConsole.Say($"installed Azurite and maildev in {clock.Elapsed.TotalSeconds:0} s");
    }

    private static async Task<AzuriteServer> StartAzuriteAsync(LocalDataFolder? folder, CancellationToken cancellationToken)
    {
        StartupConsole.Say(folder is null
            ? "starting Azurite (blob, queue and table storage, in memory) ..."
            : $"starting Azurite (blob, queue and table storage, persisted in {folder.AzuriteData}) ...");
        AzuriteServer azurite = await AzuriteServer.StartAsync(folder?.AzuriteData, cancellationToken).ConfigureAwait(false);
        StartupConsole.Say($"Azurite ready at {azurite.BlobEndpoint} (blob), {azurite.QueueEndpoint} (queue), {azurite.TableEndpoint} (table)");
        return azurite;
    }

    private static async Task<MaildevServer> StartMaildevAsync(CancellationToken cancellationToken)
    {
        StartupConsole.Say("starting maildev (SMTP with a web UI for every email Chorus sends) ...");
        MaildevServer maildev = await MaildevServer.StartAsync(cancellationToken).ConfigureAwait(false);
        StartupConsole.Say($"maildev ready: SMTP 127.0.0.1:{maildev.SmtpPort}, web UI {maildev.WebUri}");
        return maildev;
    }

    /// <summary>The dev keys the run needs: kept ones from the dev folder, new ones made (and kept) where missing.</summary>
    private static DevKeys LoadDevKeys(LocalDataFolder? folder, bool needApiKey, bool needSigningKey)
    {
        if (folder is null)
        {
            StartupConsole.Say("API key and approval-link signing key: random, for this run only (LocalDevelopment:Persist=false)");
            return new DevKeys(DevKeys.NewApiKey(), DevKeys.NewSigningKey());
        }

        DevKeys? kept = DevKeys.Load(folder.DevKeysFile);
        DevKeys keys = new(
            kept?.ApiKey ?? (needApiKey ? DevKeys.NewApiKey() : null),
            kept?.SigningKey ?? (needSigningKey ? DevKeys.NewSigningKey() : null));
        if (keys != kept)
        {
            keys.Save(folder.DevKeysFile);
            StartupConsole.Say($"dev keys made and kept in {folder.DevKeysFile}");
        }
        else
        {
            StartupConsole.Say($"dev keys from {folder.DevKeysFile}");
        }

        return keys;
    }
}
