using Chorus.LocalComponents;
using Microsoft.Playwright;

namespace Chorus.Host.Tests;

/// <summary>Azurite, maildev and headless Chromium, started once for the host tests and stopped after them.</summary>
public sealed class LocalServicesFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public AzuriteServer Azurite { get; private set; } = null!;

    public MaildevServer Maildev { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run 'apt-get install chromium' (tests/run does it when run as root).");
        }

        Task<AzuriteServer> azurite = AzuriteServer.StartAsync();
        Task<MaildevServer> maildev = MaildevServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Azurite = await azurite;
        Maildev = await maildev;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Maildev is not null)
        {
            await Maildev.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<LocalServicesFixture>
{
    public const string Name = "host on local services";
}
