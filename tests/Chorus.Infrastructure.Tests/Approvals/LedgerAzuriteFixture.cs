using Azure.Storage.Blobs;
using Chorus.LocalComponents;

namespace Chorus.Infrastructure.Tests.Approvals;

/// <summary>One in-memory Azurite for the ledger tests, started on a free port and killed afterwards.</summary>
public sealed class LedgerAzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    /// <summary>A container no other test uses; it is not created, so the ledger's create-on-first-use runs too.</summary>
    public BlobContainerClient NewContainer() =>
        new BlobServiceClient(_server?.ConnectionString ?? throw new InvalidOperationException("Azurite has not started."))
            .GetBlobContainerClient("ledger-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LedgerCollection : ICollectionFixture<LedgerAzuriteFixture>
{
    public const string Name = "approval ledger on azurite";
}
