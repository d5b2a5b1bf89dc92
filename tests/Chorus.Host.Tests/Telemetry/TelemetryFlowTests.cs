using System.Diagnostics;
using System.Net;
using Chorus.Host.Mentions;
using Chorus.Posts;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Chorus.Host.Tests.Telemetry;

/// <summary>
/// The self-host's traces and <c>chorus.*</c> metrics from a real flow (a post submitted and approved by the rules, an
/// approval link refused, two mention sources polled from local feeds, one of them failing), caught by OpenTelemetry's
/// in-memory exporters added to the host's own providers.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class TelemetryFlowTests(LocalServicesFixture services)
{
    [Fact]
    public async Task A_post_an_approval_link_and_a_mention_poll_show_as_spans_and_chorus_metrics_with_their_tags()
    {
        List<Activity> spans = [];
        List<MetricSnapshot> metrics = [];
        await using FakeFeedServer feed = await FakeFeedServer.StartAsync();
        await using FakeFeedServer down = await FakeFeedServer.StartAsync();
        feed.Add("good", "Had a lovely time with Chorus today, great support team!", DateTimeOffset.UtcNow.AddHours(-2));
        feed.Add("bad", "Chorus is awful. Terrible, broken, the worst support ever. I hate it.", DateTimeOffset.UtcNow.AddHours(-1));
        down.Throttle = TimeSpan.FromHours(1);
        string suffix = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5));
        string feedName = "feed" + suffix;
        string downName = "down" + suffix;
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(
            services,
            (settings, _) =>
            {
                settings["Mentions:Monitor:Enabled"] = "false";
                settings[$"Mentions:Sources:{feedName}:Kind"] = "Rss";
                settings[$"Mentions:Sources:{feedName}:Endpoint"] = feed.Feed.ToString();
                settings[$"Mentions:Sources:{feedName}:Schedule"] = "*/5 * * * *";
                settings[$"Mentions:Sources:{downName}:Kind"] = "Rss";
                settings[$"Mentions:Sources:{downName}:Endpoint"] = down.Feed.ToString();
                settings[$"Mentions:Sources:{downName}:Schedule"] = "*/5 * * * *";
            },
            suffix,
            register => register
                .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))
                .ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics)));

        string postId = await host.SubmitAsync("Had a lovely time volunteering with the team today.");
        await host.WaitForStatusAsync(postId, "Approved");
        using (CancellationTokenSource wait = new(TimeSpan.FromSeconds(30)))
        {
            await host.Orchestrations.WaitForInstanceCompletionAsync(PostSubmission.InstanceIdFor(postId), wait.Token);
        }

        using (HttpClient anonymous = new() { BaseAddress = host.BaseUri })
        using (HttpResponseMessage refused = await anonymous.GetAsync("approvals/not-a-token"))
        using (HttpResponseMessage live = await anonymous.GetAsync("healthz"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        await using (AsyncServiceScope scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MentionMonitor>().PollDueAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        }

        Assert.True(host.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(host.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        List<Activity> finished;
        lock (spans)
        {
            finished = [.. spans];
        }

        // The submission's server span, with its route, and the storage calls it made as its children.
        Activity submit = Assert.Single(finished, span => span.Kind == ActivityKind.Server
            && Tag(span, "http.request.method") == "POST" && Tag(span, "url.path") == "/api/posts" && Tag(span, "server.port") == host.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("/api/posts/", Tag(submit, "http.route"));
        Assert.Equal("202", Tag(submit, "http.response.status_code"));
        Assert.Contains(finished, span => span.ParentSpanId == submit.SpanId && span.Source.Name.StartsWith("Azure.Storage.Blobs", StringComparison.Ordinal));

        // Each poll is a span of its own, and the feed's HTTP request is its child.
        Activity poll = Assert.Single(finished, span => span.Source.Name == "Chorus" && Tag(span, "chorus.mention.source") == feedName);
        Assert.Contains(finished, span => span.ParentSpanId == poll.SpanId && span.Kind == ActivityKind.Client && Tag(span, "url.full") == feed.Feed.ToString());
        Activity failed = Assert.Single(finished, span => span.Source.Name == "Chorus" && Tag(span, "chorus.mention.source") == downName);
        Assert.Equal(ActivityStatusCode.Error, failed.Status);

        // Background storage traffic (the task hub's queue polls), the SDK's calls to the sidecar and probes make no spans.
        Assert.All(finished.Where(span => span.Source.Name.StartsWith("Azure.", StringComparison.Ordinal)), span => Assert.NotEqual(default, span.ParentSpanId));
        Assert.DoesNotContain(finished, span => span.DisplayName.Contains("TaskHubSidecarService", StringComparison.Ordinal));
        Assert.DoesNotContain(finished, span => span.Kind == ActivityKind.Server && Tag(span, "url.path") == "/healthz");

        Assert.True(Sum(metrics, "chorus.posts.submitted") >= 1);
        Assert.True(Sum(metrics, "chorus.posts.decided", ("outcome", "approved")) >= 1);
        Assert.Equal(1, Sum(metrics, "chorus.posts.publications", ("channel", "linkedin"), ("publication", "manual")));
        MetricPoint review = Points(metrics, "chorus.posts.review.duration", ("outcome", "approved")).Single();
        Assert.True(review.GetHistogramCount() >= 1);
        Assert.Equal("s", Last(metrics, "chorus.posts.review.duration").Unit);
        Assert.Equal(2, Sum(metrics, "chorus.mentions.polled", ("source", feedName)));
        Assert.Equal(1, Sum(metrics, "chorus.mentions.flagged", ("source", feedName)));
        Assert.Equal(1, Sum(metrics, "chorus.mentions.recorded", ("source", feedName)));
        Assert.Equal(1, Sum(metrics, "chorus.mentions.poll.failures", ("source", downName)));
        Assert.Equal(0, Sum(metrics, "chorus.mentions.poll.failures", ("source", feedName)));
        Assert.True(Sum(metrics, "chorus.approvals.link.refusals", ("reason", "malformed")) >= 1);
    }

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    /// <summary>The latest export of the metric (cumulative, so it holds everything so far).</summary>
    private static MetricSnapshot Last(List<MetricSnapshot> metrics, string name)
    {
        lock (metrics)
        {
            return metrics.Last(metric => metric.Name == name);
        }
    }

    private static List<MetricPoint> Points(List<MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags)
    {
        MetricSnapshot metric = Last(metrics, name);
        List<MetricPoint> matching = [];
        foreach (MetricPoint point in metric.MetricPoints)
        {
            Dictionary<string, string?> pointTags = [];
            foreach (KeyValuePair<string, object?> tag in point.Tags)
            {
                pointTags[tag.Key] = tag.Value?.ToString();
            }

            if (tags.All(t => pointTags.TryGetValue(t.Key, out string? value) && value == t.Value))
            {
                matching.Add(point);
            }
        }

        return matching;
    }

    private static long Sum(List<MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags)
    {
        lock (metrics)
        {
            if (!metrics.Any(metric => metric.Name == name))
            {
                return 0;
            }
        }

        return Points(metrics, name, tags).Sum(point => point.GetSumLong());
    }
}
