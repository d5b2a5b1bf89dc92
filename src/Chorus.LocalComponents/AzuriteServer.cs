using System.Globalization;

namespace Chorus.LocalComponents;

/// <summary>
/// Azurite's Blob, Queue and Table services on free loopback ports (the Durable Task hub needs all three), in memory or
/// kept in a folder. Data is addressed by account, not port, so a folder's data is found again on new ports.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>Azurite's entry point under node_modules.</summary>
    public const string Script = "azurite/dist/src/azurite.js";

    /// <summary>The well-known development account key Azurite accepts.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    // What Azurite prints once a service has closed its databases (src/azurite.ts, shutdown()).
    private static readonly string[] ClosedMessages =
    [
        "Azurite Blob service successfully closed",
        "Azurite Queue service successfully closed",
        "Azurite Table service successfully closed",
    ];

    private readonly NodeServer _server;

    private AzuriteServer(NodeServer server, string? location, int blobPort, int queuePort, int tablePort)
    {
        _server = server;
        Location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>Gets the folder Azurite keeps its data in, or null when it keeps it in memory.</summary>
    public string? Location { get; }

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

    /// <summary>Gets the Blob endpoint.</summary>
    public Uri BlobEndpoint => new($"http://127.0.0.1:{BlobPort}/devstoreaccount1");

    /// <summary>Gets the Queue endpoint.</summary>
    public Uri QueueEndpoint => new($"http://127.0.0.1:{QueuePort}/devstoreaccount1");

    /// <summary>Gets the Table endpoint.</summary>
    public Uri TableEndpoint => new($"http://127.0.0.1:{TablePort}/devstoreaccount1");

    /// <summary>Starts Azurite in memory (<c>--inMemoryPersistence --skipApiVersionCheck --loose</c>).</summary>
    public static Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default) => StartAsync(null, cancellationToken);

    /// <summary>Starts Azurite keeping its data in <paramref name="location"/> (created if missing), or in memory when it is null.</summary>
    public static async Task<AzuriteServer> StartAsync(string? location, CancellationToken cancellationToken)
    {
        // Free ports are only free when asked; another process may take one before Azurite binds it. Try afresh.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(location, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    private static async Task<AzuriteServer> StartOnceAsync(string? location, CancellationToken cancellationToken)
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

        List<string> arguments =
        [
            "--blobHost", "127.0.0.1", "--blobPort", Port(blob),
            "--queueHost", "127.0.0.1", "--queuePort", Port(queue),
            "--tableHost", "127.0.0.1", "--tablePort", Port(table),
            "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
        ];
        if (location is null)
        {
            arguments.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(location);
            arguments.AddRange(["--location", location]);
        }

        NodeServer server = await NodeServer.StartAsync("Azurite", Script, arguments, [blob, queue, table], cancellationToken).ConfigureAwait(false);
        return new AzuriteServer(server, location, blob, queue, table);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Stops Azurite. Kept data is saved first: Azurite writes its databases every 5 s and when asked to stop, so it is
    /// asked (SIGTERM) and given until every service reports closed (saved), then killed, because its graceful exit
    /// waits for idle client connections and can take minutes. In memory there is nothing to save: it is killed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Location is not null)
        {
            await _server.InterruptAsync(output => ClosedMessages.All(output.Contains), TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        await _server.DisposeAsync().ConfigureAwait(false);
    }
}
