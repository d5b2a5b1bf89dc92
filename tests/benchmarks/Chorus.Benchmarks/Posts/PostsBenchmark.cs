using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chorus.Benchmarks.Engine;
using Chorus.Host;
using Chorus.LocalComponents;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Chorus.Benchmarks.Posts;

/// <summary>
/// The staff-post path end to end on the real self-host (<see cref="ChorusApp"/>) against in-memory Azurite and
/// maildev: posts that need review are submitted over HTTP at a steady rate, and each is timed from its 202 to the
/// arrival of its approval-request email in maildev, as seen by polling maildev's API every 50 ms (maildev's own
/// <c>time</c> is the mail's Date header, to the second, so it cannot time this).
/// </summary>
/// <remarks>
/// Arguments are configuration overrides, <c>Key=Value</c>: any host setting (for example <c>Durable:PartitionCount=2</c>)
/// and <c>Bench:PostsPerSecond</c> (5) and <c>Bench:Seconds</c> (60).
/// </remarks>
internal sealed partial class PostsBenchmark : IBenchmark
{
    private const string ApiKey = BenchmarkHost.ApiKey;
    private const string Approver = "comms@chorus.bench";
    private const string NeedsReview = "Big news from Chorus today! #ChorusEmployee https://elsewhere.example/x";
    private static readonly TimeSpan MailPollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Straggler = TimeSpan.FromSeconds(60);

    public string Name => "posts";

    public async Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        Dictionary<string, string?> overrides = Overrides.Parse(args);
        output.WriteLine($"machine.load_average: {MachineLoad.Describe()} (1, 5, 15 min; before the run)");
        await using AzuriteServer azurite = await AzuriteServer.StartAsync(cancellationToken);
        await using MaildevServer maildev = await MaildevServer.StartAsync(cancellationToken);
        double rawWrites = await StorageBaseline.MeasureWritesPerSecondAsync(azurite.ConnectionString, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storage.blob_writes_per_s: {rawWrites:0.#} writes/s"));

        using HttpRequestMeter meter = new();
        (WebApplication host, Uri baseUri) = await BenchmarkHost.StartAsync("posts", azurite.ConnectionString, Settings(maildev.SmtpPort), overrides, cancellationToken);
        using HttpClient api = new() { BaseAddress = baseUri };
        api.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        using HttpClient mail = new() { BaseAddress = maildev.WebUri };
        IConfiguration configuration = host.Configuration;
        double rate = configuration.GetValue("Bench:PostsPerSecond", 5.0);
        int seconds = configuration.GetValue("Bench:Seconds", 60);
        int posts = (int)Math.Round(rate * seconds);

        // Warm up: a few posts all the way to their emails, then an empty mailbox.
        Mailbox mailbox = new(mail);
        await mailbox.ClearAsync(cancellationToken);
        ConcurrentDictionary<string, DateTimeOffset> warm = new(StringComparer.Ordinal);
        await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ => warm[(await SubmitAsync(api, cancellationToken)).PostId] = DateTimeOffset.UtcNow));
        ConcurrentDictionary<string, DateTimeOffset> warmEmails = new(StringComparer.Ordinal);
        await mailbox.CollectAsync(warm, warmEmails, () => true, DateTimeOffset.UtcNow + Straggler, cancellationToken);
        if (warmEmails.Count != warm.Count)
        {
            throw new InvalidOperationException($"Only {warmEmails.Count} of {warm.Count} warm-up posts got their approval request within {Straggler.TotalSeconds:0} s.");
        }

        await mailbox.ClearAsync(cancellationToken);

        meter.TakeSlow();

        // Submit at a steady rate (each on its own schedule, never waiting for the previous one) while collecting emails.
        ConcurrentDictionary<string, DateTimeOffset> accepted = new(StringComparer.Ordinal);
        ConcurrentDictionary<string, DateTimeOffset> emails = new(StringComparer.Ordinal);
        double[] submitMs = new double[posts];
        bool submitting = true;
        Task collecting = mailbox.CollectAsync(accepted, emails, () => !Volatile.Read(ref submitting), DateTimeOffset.MaxValue, cancellationToken);
        Stopwatch clock = Stopwatch.StartNew();
        DateTimeOffset started = DateTimeOffset.UtcNow;
        Task[] submissions = new Task[posts];
        for (int i = 0; i < posts; i++)
        {
            TimeSpan due = TimeSpan.FromSeconds(i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            int n = i;
            submissions[i] = Task.Run(
                async () =>
                {
                    (string postId, double ms) = await SubmitAsync(api, cancellationToken);
                    accepted[postId] = DateTimeOffset.UtcNow;
                    submitMs[n] = ms;
                },
                cancellationToken);
        }

        await Task.WhenAll(submissions);
        double allAcceptedSeconds = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref submitting, false);
        await collecting;

        double[] latencies = [.. accepted.Where(a => emails.ContainsKey(a.Key)).Select(a => (emails[a.Key] - a.Value).TotalMilliseconds).Order()];
        Figures.Report(output, "posts.submitted", posts, string.Create(CultureInfo.InvariantCulture, $"posts, one every {1000 / rate:0} ms (the last 202 after {allAcceptedSeconds:0.#} s)"));
        Figures.Report(output, "posts.submit_ms.p50", Figures.Percentile([.. submitMs.Order()], 0.50), "ms (POST /api/posts round trip)");
        Figures.Report(output, "posts.submit_ms.p99", Figures.Percentile([.. submitMs.Order()], 0.99), "ms");
        Figures.Report(output, "posts.submit_to_request_email_ms.p50", Figures.Percentile(latencies, 0.50), "ms (202 -> approval request seen in maildev, polled every 50 ms)");
        Figures.Report(output, "posts.submit_to_request_email_ms.p99", Figures.Percentile(latencies, 0.99), "ms");
        Figures.Report(output, "posts.submit_to_request_email_ms.max", latencies.Length == 0 ? double.NaN : latencies[^1], "ms");
        foreach ((string name, double p) in new[] { ("p50", 0.50), ("p99", 0.99) })
        {
            output.WriteLine($"posts.submit_to_request_email_ms.{name}_by_10s: " + string.Join(", ", accepted
                .Where(a => emails.ContainsKey(a.Key))
                .GroupBy(a => (int)((a.Value - started).TotalSeconds / 10))
                .OrderBy(g => g.Key)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{Figures.Percentile([.. g.Select(a => (emails[a.Key] - a.Value).TotalMilliseconds).Order()], p):0}"))) + " ms (posts accepted in each 10 s of the run)");
        }

        Figures.Report(output, "posts.request_emails_missing", posts - latencies.Length, string.Create(CultureInfo.InvariantCulture, $"posts with no approval request within {Straggler.TotalSeconds:0} s of the last submission"));
        (long stalls, double longest) = meter.TakeSlow();
        if (stalls > 0)
        {
            Figures.Report(output, "posts.storage_stalls", stalls, string.Create(CultureInfo.InvariantCulture, $"requests took over {HttpRequestMeter.SlowThreshold.TotalSeconds:0} s (the longest {longest:0.#} s): the figures above include a stall"));
        }

        output.WriteLine($"machine.load_average: {MachineLoad.Describe()} (1, 5, 15 min; after the run)");

        await host.StopAsync(cancellationToken);
        await host.DisposeAsync();
    }

    private static async Task<(string PostId, double Milliseconds)> SubmitAsync(HttpClient api, CancellationToken cancellationToken)
    {
        string body = $$"""{"author":{"email":"author@chorus.bench","displayName":"Ada Author","team":"marketing"},"text":{{JsonSerializer.Serialize(NeedsReview)}},"channels":["linkedin"]}""";
        long start = Stopwatch.GetTimestamp();
        using HttpResponseMessage response = await api.PostAsync("api/posts", new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"The post was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        JsonElement answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return (answer.GetProperty("postId").GetString()!, ms);
    }

    private static Dictionary<string, string?> Settings(int smtpPort) => new()
    {
        ["Mail:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
        ["Mail:FromAddress"] = "chorus@chorus.bench",
        ["Posts:Policy:CompanyName"] = "Chorus",
        ["Posts:Policy:AllowedLinkDomains:0"] = "chorus.example",
        ["Posts:Review:Stages:0:Name"] = "Communications",
        ["Posts:Review:Stages:0:Mode"] = "FirstResponse",
        ["Posts:Review:Stages:0:Approvers:0"] = Approver,
    };

    /// <summary>The approval request's Message-ID: <c>&lt;{postId}.s{stage}.request.{recipient key}@chorus&gt;</c>.</summary>
    [GeneratedRegex(@"^<?(?<post>[^.<>@]+)\.s\d+\.request\.")]
    private static partial Regex RequestMessageId();

    /// <summary>maildev's REST API: approval requests matched to posts by Message-ID, each deleted once matched so the list stays short.</summary>
    private sealed class Mailbox(HttpClient maildev)
    {
        public async Task ClearAsync(CancellationToken cancellationToken)
        {
            using HttpResponseMessage response = await maildev.DeleteAsync("api/email/all", cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        /// <summary>
        /// Polls every 50 ms, recording for each post in <paramref name="posts"/> when a poll first listed its approval
        /// request (the response's arrival: the mail arrived at most one poll earlier), until <paramref name="done"/>
        /// holds and every post has one, or the deadline, or a minute after <paramref name="done"/> first held.
        /// </summary>
        public async Task CollectAsync(
            ConcurrentDictionary<string, DateTimeOffset> posts,
            ConcurrentDictionary<string, DateTimeOffset> emails,
            Func<bool> done,
            DateTimeOffset deadline,
            CancellationToken cancellationToken)
        {
            // A mail can be listed before its post's 202 is recorded: it waits here, with when it was first seen.
            Dictionary<string, (DateTimeOffset Seen, string PostId)> pending = new(StringComparer.Ordinal);
            List<Task> deletions = [];
            DateTimeOffset? doneAt = null;
            while (DateTimeOffset.UtcNow < deadline)
            {
                string json = await maildev.GetStringAsync("api/email", cancellationToken);
                DateTimeOffset seen = DateTimeOffset.UtcNow;
                using (JsonDocument list = JsonDocument.Parse(json))
                {
                    foreach (JsonElement email in list.RootElement.EnumerateArray())
                    {
                        string id = email.GetProperty("id").GetString()!;
                        string messageId = email.TryGetProperty("headers", out JsonElement headers) && headers.TryGetProperty("message-id", out JsonElement header)
                            ? header.GetString() ?? string.Empty
                            : email.TryGetProperty("messageId", out JsonElement parsed) ? parsed.GetString() ?? string.Empty : string.Empty;
                        if (RequestMessageId().Match(messageId) is { Success: true } match)
                        {
                            pending.TryAdd(id, (seen, match.Groups["post"].Value));
                        }
                        else if (pending.TryAdd(id, (seen, string.Empty)))
                        {
                            // Not an approval request (none is expected before a decision): out of the way.
                            deletions.Add(DeleteAsync(id, cancellationToken));
                        }
                    }
                }

                foreach ((string id, (DateTimeOffset firstSeen, string postId)) in pending.Where(p => p.Value.PostId.Length > 0).ToList())
                {
                    if (posts.ContainsKey(postId))
                    {
                        emails.TryAdd(postId, firstSeen);
                        pending[id] = (firstSeen, string.Empty);
                        deletions.Add(DeleteAsync(id, cancellationToken));
                    }
                }

                if (done() && posts.Keys.All(emails.ContainsKey))
                {
                    break;
                }

                doneAt ??= done() ? DateTimeOffset.UtcNow : null;
                if (doneAt is { } finished && DateTimeOffset.UtcNow - finished > Straggler)
                {
                    break;
                }

                await Task.Delay(MailPollInterval, cancellationToken);
            }

            await Task.WhenAll(deletions);
        }

        // Deletions run beside the polls, so they never delay the next one.
        private async Task DeleteAsync(string id, CancellationToken cancellationToken)
        {
            using HttpResponseMessage deleted = await maildev.DeleteAsync($"api/email/{id}", cancellationToken);
        }
    }
}
