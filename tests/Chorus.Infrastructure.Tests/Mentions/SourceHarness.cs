using Chorus.Infrastructure.Mentions;
using Chorus.Mentions;
using Microsoft.Extensions.Time.Testing;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>A test server, a clock stopped at <see cref="Now"/>, and a factory building connectors that call the server.</summary>
internal sealed class SourceHarness : IAsyncDisposable
{
    public const string SourceName = "acme-test";

    public static readonly DateTimeOffset Now = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private SourceHarness(MentionTestServer server)
    {
        Server = server;
        Factory = new MentionSourceFactory(Client, Time);
    }

    public MentionTestServer Server { get; }

    public FakeTimeProvider Time { get; } = new(Now);

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public MentionSourceFactory Factory { get; }

    public static async Task<SourceHarness> StartAsync(Func<ServedRequest, Reply>? handler = null) =>
        new(await MentionTestServer.StartAsync(handler));

    public IMentionSource Create(MentionSourceOptions options) => Factory.Create(SourceName, options);

    public async ValueTask DisposeAsync()
    {
        Factory.Dispose();
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
