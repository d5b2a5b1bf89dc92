using System.Globalization;
using Chorus.Infrastructure.Mentions;
using Chorus.Mentions;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>What every connector does when its API throttles, fails or answers nonsense, and what every request carries.</summary>
public sealed class MentionSourceFailureTests
{
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_request_carries_the_descriptive_user_agent(string name)
    {
        await using ConnectorCase connector = await ConnectorCase.StartAsync(name);

        MentionBatch batch = await connector.Source.PollAsync(null);

        Assert.NotEmpty(batch.Mentions);
        Assert.NotEmpty(connector.Harness.Server.Requests);
        Assert.All(connector.Harness.Server.Requests, request => Assert.Equal("Chorus/1.0 (+https://github.com/chorus; mention monitor)", request.Header("User-Agent")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_429_with_retry_after_in_seconds_is_a_failure_carrying_the_delay(string name)
    {
        await using ConnectorCase connector = await ConnectorCase.StartAsync(name);
        connector.Harness.Server.Script(connector.ListPath, new Reply(429, """{"error":"RateLimitExceeded"}""", Headers: new Dictionary<string, string> { ["Retry-After"] = "120" }));

        MentionSourceException failure = await MentionAssert.FailsAsync(connector.Source, null);

        // Longer than Mentions:Resilience:MaxRetryDelay: not sat out in the poll, but left to the monitor's pause.
        Assert.Single(connector.Harness.Server.Requests, request => request.Path == connector.ListPath);
        Assert.Equal(TimeSpan.FromSeconds(120), failure.RetryAfter);
        Assert.Contains("was throttled (429 Too Many Requests; retry after 120 s)", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_429_with_retry_after_as_a_date_is_a_failure_carrying_the_time_left(string name)
    {
        await using ConnectorCase connector = await ConnectorCase.StartAsync(name);
        string date = SourceHarness.Now.AddMinutes(5).ToString("R", CultureInfo.InvariantCulture);
        connector.Harness.Server.Script(connector.ListPath, new Reply(429, Headers: new Dictionary<string, string> { ["Retry-After"] = date }));

        MentionSourceException failure = await MentionAssert.FailsAsync(connector.Source, null);

        Assert.Equal(TimeSpan.FromMinutes(5), failure.RetryAfter);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_503_with_retry_after_is_throttling_too(string name)
    {
        await using ConnectorCase connector = await ConnectorCase.StartAsync(name);
        connector.Harness.Server.Script(connector.ListPath, new Reply(503, "down for maintenance", "text/plain", new Dictionary<string, string> { ["Retry-After"] = "30" }));

        MentionSourceException failure = await MentionAssert.FailsAsync(connector.Source, null);

        Assert.Equal(TimeSpan.FromSeconds(30), failure.RetryAfter);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_500_that_persists_is_retried_and_then_a_failure_without_a_delay(string name)
    {
        await using ConnectorCase connector = await ConnectorCase.StartAsync(name);
        Func<ServedRequest, Reply> source = connector.Harness.Server.Handler;
        connector.Harness.Server.Handler = request => request.Path == connector.ListPath ? new Reply(500, "upstream exploded", "text/plain") : source(request);

        MentionSourceException failure = await MentionAssert.FailsAsync(connector.Source, null);

        // The first attempt and Mentions:Resilience:MaxRetries (3) more.
        Assert.Equal(4, connector.Harness.Server.Requests.Count(request => request.Path == connector.ListPath));
        Assert.Null(failure.RetryAfter);
        Assert.Contains($"GET {new Uri(connector.Harness.Server.BaseUri, connector.ListPath)} failed with a server error (500 Internal Server Error): upstream exploded.", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_body_that_does_not_parse_is_a_failure_saying_so(string name)
    {
        await using ConnectorCase connector = await ConnectorCase.StartAsync(name);
        bool xml = name is "rss" or "atom";
        connector.Harness.Server.Script(connector.ListPath, new Reply(200, connector.Unparsable, xml ? "application/xml" : "application/json"));

        MentionSourceException failure = await MentionAssert.FailsAsync(connector.Source, null);

        Assert.Contains($"the response to GET {new Uri(connector.Harness.Server.BaseUri, connector.ListPath)} is malformed: the body is not {(xml ? "well-formed XML" : "valid JSON")}", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_body_of_the_wrong_shape_is_a_failure_naming_what_is_wrong(string name)
    {
        await using ConnectorCase connector = await ConnectorCase.StartAsync(name);
        bool xml = name is "rss" or "atom";
        connector.Harness.Server.Script(connector.ListPath, new Reply(200, connector.WrongShape, xml ? "application/xml" : "application/json"));

        MentionSourceException failure = await MentionAssert.FailsAsync(connector.Source, null);

        Assert.EndsWith($"is malformed: {connector.WrongShapeProblem}.", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_refusal_names_the_settings_to_check(string name)
    {
        await using ConnectorCase connector = await ConnectorCase.StartAsync(name);
        connector.Harness.Server.Script(connector.ListPath, new Reply(403, """{"error":"Forbidden"}"""));

        MentionSourceException failure = await MentionAssert.FailsAsync(connector.Source, null);

        Assert.Contains("was refused (403 Forbidden): check ", failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.RetryAfter);
        Assert.Single(connector.Harness.Server.Requests, request => request.Path == connector.ListPath);
    }

    [Fact]
    public async Task An_unreachable_source_is_a_failure_naming_the_request()
    {
        await using SourceHarness harness = await SourceHarness.StartAsync();
        Uri gone = harness.Server.BaseUri;
        IMentionSource source = harness.Create(new MentionSourceOptions { Kind = "Rss", Schedule = "* * * * *", Endpoint = new Uri(gone, "feed.xml") });
        await harness.Server.DisposeAsync();

        MentionSourceException failure = await MentionAssert.FailsAsync(source);

        Assert.Contains($"GET {gone}feed.xml failed: ", failure.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(failure.InnerException);
    }

    public static TheoryData<string> Cases() => ConnectorCase.Names;
}
