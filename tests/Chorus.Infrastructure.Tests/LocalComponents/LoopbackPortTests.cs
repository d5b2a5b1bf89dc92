using System.Net;
using System.Net.Sockets;
using Chorus.LocalComponents;

namespace Chorus.Infrastructure.Tests.LocalComponents;

/// <summary>Free ports for the local servers a process starts: each one free when given, and never given twice.</summary>
public sealed class LoopbackPortTests
{
    [Fact]
    public void A_process_is_never_given_the_same_port_twice_and_each_can_be_bound()
    {
        int[] ports = [.. Enumerable.Range(0, 300).Select(_ => LoopbackPort.GetFree())];
        Assert.Equal(ports.Length, ports.Distinct().Count());

        using TcpListener listener = new(IPAddress.Loopback, ports[^1]);
        listener.Start();
        Assert.Equal(ports[^1], ((IPEndPoint)listener.LocalEndpoint).Port);
    }
}
