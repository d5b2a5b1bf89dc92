using System.Globalization;

namespace Chorus.LocalComponents;

/// <summary>Azurite's Blob, Queue and Table services, in memory, on free loopback ports (the Durable Task hub needs all three).</summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>The well-known development account key Azurite accepts.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly NodeServer _server;

    private AzuriteServer(NodeServer server, int blobPort, int queuePort, int tablePort)
    {
        _server = server;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>Gets the Blob port.</summary>
    public int BlobPort { get; }

    /// <summary>Gets the Queue port.</summary>
    public int QueuePort { get; }

    /// <summary>Gets the Table port.</summary>
    public int TablePort { get; }

    /// <summary>Gets a connection string for the three services.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>Starts Azurite with <c>--inMemoryPersistence --skipApiVersionCheck --loose</c>.</summary>
    public static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        // Free ports are only free when asked; another process may take one before Azurite binds it. Try afresh.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    private static async Task<AzuriteServer> StartOnceAsync(CancellationToken cancellationToken)
    {
        // Three different ports: the OS may hand out a port it just handed out, and Azurite cannot bind one twice.
        int blob = LoopbackPort.GetFree(), queue = LoopbackPort.GetFree(), table = LoopbackPort.GetFree();
        while (queue == blob)
        {
            queue = LoopbackPort.GetFree();
        }

        while (table == blob || table == queue)
        {
            table = LoopbackPort.GetFree();
        }

        NodeServer server = await NodeServer.StartAsync(
            "Azurite",
            "azurite/dist/src/azurite.js",
            [
                "--blobHost", "127.0.0.1", "--blobPort", Port(blob),
                "--queueHost", "127.0.0.1", "--queuePort", Port(queue),
                "--tableHost", "127.0.0.1", "--tablePort", Port(table),
                "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--silent",
            ],
            [blob, queue, table],
            cancellationToken).ConfigureAwait(false);
        return new AzuriteServer(server, blob, queue, table);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Kills Azurite (its graceful stop can take minutes).</summary>
    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
