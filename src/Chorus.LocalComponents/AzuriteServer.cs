using System.Globalization;

namespace Chorus.LocalComponents;

/// <summary>Azurite's Blob service, in memory, on a free loopback port.</summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>The well-known development account key Azurite accepts.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly NodeServer _server;

    private AzuriteServer(NodeServer server, int blobPort)
    {
        _server = server;
        BlobPort = blobPort;
    }

    /// <summary>Gets the Blob port.</summary>
    public int BlobPort { get; }

    /// <summary>Gets a connection string for the Blob service.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;";

    /// <summary>Starts Azurite Blob with <c>--inMemoryPersistence --skipApiVersionCheck --loose</c>.</summary>
    public static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        int port = LoopbackPort.GetFree();
        NodeServer server = await NodeServer.StartAsync(
            "Azurite",
            "azurite/dist/src/blob/main.js",
            ["--blobHost", "127.0.0.1", "--blobPort", port.ToString(CultureInfo.InvariantCulture), "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--silent"],
            port,
            cancellationToken).ConfigureAwait(false);
        return new AzuriteServer(server, port);
    }

    /// <summary>Kills Azurite (its graceful stop can take minutes).</summary>
    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
