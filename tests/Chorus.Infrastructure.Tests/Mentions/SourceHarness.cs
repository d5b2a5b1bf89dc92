using Chorus.Infrastructure.Mentions;
using Chorus.Mentions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>
/// A test server and the connectors registered as the host registers them (<c>AddMentionSources</c>: the sources'
/// client with its resilience pipeline), built by the registered factory for the options a test gives. The clock is
/// stopped at <see cref="Now"/> unless a test asks for the real one.
/// </summary>
internal sealed class SourceHarness : IAsyncDisposable
{
    public const string SourceName = "acme-test";

    public static readonly DateTimeOffset Now = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// On a stopped clock a wait never ends, so retries go at once and no wait a source asks for is sat out (the
    /// throttling tests ask for 30 s and more); <see cref="MentionSourceResilienceTests"/> times the real waits.
    /// </summary>
    private static readonly Dictionary<string, string?> StoppedClockSettings = new()
    {
        ["Mentions:Resilience:RetryDelay"] = "00:00:00",
        ["Mentions:Resilience:MaxRetryDelay"] = "00:00:05",
    };

    private readonly ServiceProvider _services;

    private SourceHarness(MentionTestServer server, TimeProvider clock, IReadOnlyDictionary<string, string?> settings)
    {
        Server = server;
        Clock = clock;
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection().AddSingleton(clock).AddFakeLogging().AddMentionSources(configuration).BuildServiceProvider();
        Factory = _services.GetRequiredService<MentionSourceFactory>();
    }

    /// <summary>Gets what the connectors logged.</summary>
    public FakeLogCollector Logs => _services.GetFakeLogCollector();

    public MentionTestServer Server { get; }

    /// <summary>Gets the clock the connectors and their pipeline run on.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Gets the stopped clock, for tests that move it.</summary>
    public FakeTimeProvider Time => Clock as FakeTimeProvider ?? throw new InvalidOperationException("This harness runs on the real clock.");

    public MentionSourceFactory Factory { get; }

    public static async Task<SourceHarness> StartAsync(Func<ServedRequest, Reply>? handler = null) =>
        new(await MentionTestServer.StartAsync(handler), new FakeTimeProvider(Now), StoppedClockSettings);

    /// <summary>Starts a harness on the real clock, with <c>Mentions</c> settings of the test's own.</summary>
    public static async Task<SourceHarness> StartOnRealClockAsync(IReadOnlyDictionary<string, string?> settings) =>
        new(await MentionTestServer.StartAsync(), TimeProvider.System, settings);

    public IMentionSource Create(MentionSourceOptions options) => Factory.Create(SourceName, options);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
