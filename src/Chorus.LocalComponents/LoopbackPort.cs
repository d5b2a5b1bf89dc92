using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Chorus.LocalComponents;

/// <summary>Free loopback ports, and a wait for a server to accept connections on one.</summary>
public static class LoopbackPort
{
    /// <summary>The ports handed out so far, never handed out again by this process.</summary>
    private static readonly ConcurrentDictionary<int, bool> Given = new();

    /// <summary>
    /// Asks the OS for a port that is free right now and that this process was not given before. A port is only free
    /// until someone binds it, and the OS may offer the same one again before the first caller has: two servers of one
    /// process (a host's API and its Durable sidecar, two hosts of a test) would then race for it.
    /// </summary>
    public static int GetFree()
    {
        for (int attempt = 0; ; attempt++)
        {
            using TcpListener listener = new(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (Given.TryAdd(port, true) || attempt >= 100)
            {
                return port;
            }
        }
    }

    /// <summary>Waits until something accepts TCP connections on the port, or throws after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<bool> hasExited, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using TcpClient client = new();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !hasExited())
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
