using Chorus.Infrastructure.Mentions;
using Chorus.Mentions;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>
/// The sources' resilience pipeline on the real clock, against a feed on a local server: what is retried and when, the
/// circuit, the timeouts, and what each failure says. Waits are checked by when the server saw each request.
/// </summary>
public sealed class MentionSourceResilienceTests
{
    private const string FeedPath = "/alerts/feeds/acme.xml";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Mentions:HttpTimeout"] = "00:00:01",
        ["Mentions:Resilience:MaxRetries"] = "3",
        ["Mentions:Resilience:RetryDelay"] = "00:00:00.050",
        ["Mentions:Resilience:MaxRetryDelay"] = "00:00:02",
        ["Mentions:Resilience:TotalTimeout"] = "00:00:20",
        ["Mentions:Resilience:CircuitMinimumRequests"] = "4",
        ["Mentions:Resilience:CircuitBreakDuration"] = "00:01:00",
    };

    private static readonly string Feed = Payloads.Read("rss.xml");

    [Fact]
    public async Task A_503_then_a_200_succeeds_with_two_requests()
    {
        await using SourceHarness harness = await StartAsync();
        harness.Server.Script(FeedPath, new Reply(503, "overloaded", "text/plain"));

        MentionBatch batch = await Source(harness).PollAsync(null);

        Assert.NotEmpty(batch.Mentions);
        Assert.Equal(2, harness.Server.Requests.Count);
        Assert.Contains(harness.Logs.GetSnapshot(), record => (record.Category, record.Level) == ("Polly", LogLevel.Warning) && record.Message.Contains("OnRetry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_asking_for_a_second_is_waited_out_before_the_retry()
    {
        await using SourceHarness harness = await StartAsync();
        harness.Server.Script(FeedPath, new Reply(429, Headers: new Dictionary<string, string> { ["Retry-After"] = "1" }));

        MentionBatch batch = await Source(harness).PollAsync(null);

        Assert.NotEmpty(batch.Mentions);
        ServedRequest[] requests = [.. harness.Server.Requests];
        Assert.Equal(2, requests.Length);

        // Not the 50 ms back-off: the second the source asked for (less a little for the clock's grain).
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.95), $"The retry came {requests[1].ReceivedAt - requests[0].ReceivedAt} after the 429.");
    }

    [Fact]
    public async Task A_429_asking_for_longer_than_MaxRetryDelay_is_not_waited_out_but_fails_as_throttled_with_the_wait()
    {
        await using SourceHarness harness = await StartAsync(_ => new Reply(429, Headers: new Dictionary<string, string> { ["Retry-After"] = "3" }));

        MentionSourceException failure = await MentionAssert.FailsAsync(Source(harness));

        Assert.Single(harness.Server.Requests);
        Assert.Equal(TimeSpan.FromSeconds(3), failure.RetryAfter);
        Assert.Contains("was throttled (429 Too Many Requests; retry after 3 s).", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_400_is_not_retried()
    {
        await using SourceHarness harness = await StartAsync(_ => new Reply(400, "bad request", "text/plain"));

        MentionSourceException failure = await MentionAssert.FailsAsync(Source(harness));

        Assert.Single(harness.Server.Requests);
        Assert.Contains($"GET {harness.Server.BaseUri}alerts/feeds/acme.xml failed (400 Bad Request): bad request.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit_and_later_polls_fail_at_once_without_reaching_the_server()
    {
        await using SourceHarness harness = await StartAsync(_ => new Reply(503, "overloaded", "text/plain"));
        IMentionSource source = Source(harness);

        MentionSourceException first = await MentionAssert.FailsAsync(source);
        MentionSourceException second = await MentionAssert.FailsAsync(source);

        // The first poll's four attempts open the circuit; the second poll sends nothing.
        Assert.Contains("failed with a server error (503 Service Unavailable): overloaded.", first.Message, StringComparison.Ordinal);
        Assert.Equal(4, harness.Server.Requests.Count);
        Assert.Equal(
            $"Mention source '{SourceHarness.SourceName}': GET {harness.Server.BaseUri}alerts/feeds/acme.xml was not sent: requests to {harness.Server.BaseUri.GetLeftPart(UriPartial.Authority)} failed repeatedly, so they are held back for Mentions:Resilience:CircuitBreakDuration before one is tried again.",
            second.Message);
        Assert.IsType<BrokenCircuitException>(second.InnerException);
        Assert.Null(second.RetryAfter);
    }

    [Fact]
    public async Task Throttling_does_not_open_the_circuit()
    {
        await using SourceHarness harness = await StartAsync(_ => new Reply(429, Headers: new Dictionary<string, string> { ["Retry-After"] = "60" }));
        IMentionSource source = Source(harness);

        for (int poll = 0; poll < 6; poll++)
        {
            Assert.Equal(TimeSpan.FromSeconds(60), (await MentionAssert.FailsAsync(source)).RetryAfter);
        }

        Assert.Equal(6, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task With_MaxRetries_0_a_503_is_tried_once()
    {
        await using SourceHarness harness = await StartAsync(_ => new Reply(503, "overloaded", "text/plain"), maxRetries: 0);

        await MentionAssert.FailsAsync(Source(harness));

        Assert.Single(harness.Server.Requests);
    }

    [Fact]
    public async Task Attempts_that_outlast_the_attempt_timeout_are_retried_and_then_a_failure_saying_so()
    {
        await using SourceHarness harness = await StartAsync(_ => new Reply(200, Feed, "application/xml", Delay: TimeSpan.FromSeconds(5)), maxRetries: 1);

        MentionSourceException failure = await MentionAssert.FailsAsync(Source(harness));

        Assert.Equal(2, harness.Server.Requests.Count);
        Assert.Contains(
            $"GET {harness.Server.BaseUri}alerts/feeds/acme.xml timed out after 1 s (each attempt may take Mentions:HttpTimeout, all of them Mentions:Resilience:TotalTimeout).",
            failure.Message,
            StringComparison.Ordinal);
        Assert.IsType<TimeoutRejectedException>(failure.InnerException);
    }

    private static async Task<SourceHarness> StartAsync(Func<ServedRequest, Reply>? handler = null, int maxRetries = 3)
    {
        SourceHarness harness = await SourceHarness.StartOnRealClockAsync(new Dictionary<string, string?>(Settings) { ["Mentions:Resilience:MaxRetries"] = $"{maxRetries}" });
        harness.Server.Handler = handler ?? (request => request.Path == FeedPath ? Reply.Xml(Feed) : Reply.NotFound(request));
        return harness;
    }

    private static IMentionSource Source(SourceHarness harness) =>
        harness.Create(new MentionSourceOptions { Kind = "Rss", Schedule = "*/15 * * * *", Endpoint = new Uri(harness.Server.BaseUri, FeedPath) });
}
