using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace Chorus.Host.Tests;

/// <summary>
/// The self-host as a separate process on the real Durable Task Framework (Azure Storage backend on Azurite), killed
/// with SIGKILL at awkward moments and started again under the same WorkerId: nothing may be lost, nothing done twice
/// that people can see (emails), and no instance left behind.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class CrashRecoveryTests(LocalServicesFixture services, ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_kill_with_activities_in_flight_loses_nothing_and_mails_each_approver_once()
    {
        await using SelfHostHub hub = new(services);
        ChildHost host = hub.Child("crash-a");
        Log($"first start: {await host.StartAsync(StartTimeout)}");

        Dictionary<string, string> posts = await hub.SubmitAsync([host], 20, SelfHostHub.NeedsReview);
        host.Kill();
        Log($"killed right after 20 × 202; request mails so far: {(await hub.MailsByMarkerAsync(hub.Approver, "Approve a post")).Count}");

        Log($"restart: {await host.StartAsync(StartTimeout)}");
        Stopwatch sinceRestart = Stopwatch.StartNew();
        await hub.WaitForAllAsync(host, posts.Values, "AwaitingApproval", TimeSpan.FromSeconds(60));
        Log($"all 20 awaiting approval {sinceRestart.Elapsed} after restart");
        (Dictionary<string, ReceivedMail> requests, List<string> resent) = await hub.ExpectOneMailEachAsync(hub.Approver, "Approve a post", posts.Keys, TimeSpan.FromSeconds(60));
        Log($"one request mail each; re-sent across the kill: {resent.Count} {string.Join("; ", resent)}");
        Log($"instances the Instances table still shows Pending though running: {await hub.AssertAllAwaitingAsync(20)}");

        await ApproveAllAsync(requests.Values, expectAllOk: true);
        TimeSpan approved = await hub.WaitForAllAsync(host, posts.Values, "Approved", TimeSpan.FromSeconds(30));
        Log($"all 20 approved {approved} after the approvals were sent");
        Assert.Empty((await hub.ExpectOneMailEachAsync(hub.Author, "Your post was approved", posts.Keys, TimeSpan.FromSeconds(30))).ResentAcrossKill);
        await hub.AssertAllCompletedAsync(20);
    }

    [Fact]
    public async Task A_kill_with_thirty_posts_waiting_loses_no_approval_and_each_author_hears_once()
    {
        await using SelfHostHub hub = new(services);
        ChildHost host = hub.Child("crash-b");
        await host.StartAsync(StartTimeout);
        Dictionary<string, string> posts = await hub.SubmitAsync([host], 30, SelfHostHub.NeedsReview);
        await hub.WaitForAllAsync(host, posts.Values, "AwaitingApproval", TimeSpan.FromSeconds(60));
        (Dictionary<string, ReceivedMail> requests, _) = await hub.ExpectOneMailEachAsync(hub.Approver, "Approve a post", posts.Keys, TimeSpan.FromSeconds(60));

        host.Kill();
        Log($"restart: {await host.StartAsync(StartTimeout)}");
        Stopwatch sinceRestart = Stopwatch.StartNew();
        Log($"30 waiting after the restart, Pending in the Instances table: {await hub.AssertAllAwaitingAsync(30)}");

        await ApproveAllAsync(requests.Values, expectAllOk: true);
        Log($"30 approvals answered 200 {sinceRestart.Elapsed} after restart");
        TimeSpan approved = await hub.WaitForAllAsync(host, posts.Values, "Approved", TimeSpan.FromSeconds(30));
        Log($"all 30 approved {approved} after the last approval answered ({sinceRestart.Elapsed} after restart)");
        Assert.Empty((await hub.ExpectOneMailEachAsync(hub.Author, "Your post was approved", posts.Keys, TimeSpan.FromSeconds(30))).ResentAcrossKill);
        Assert.Empty((await hub.ExpectOneMailEachAsync(hub.Approver, "Approve a post", posts.Keys, TimeSpan.FromSeconds(5))).ResentAcrossKill);
        await hub.AssertAllCompletedAsync(30);
    }

    [Fact]
    public async Task A_kill_while_thirty_approvals_are_being_posted_loses_no_decision()
    {
        await using SelfHostHub hub = new(services);
        ChildHost host = hub.Child("crash-c");
        await host.StartAsync(StartTimeout);
        Dictionary<string, string> posts = await hub.SubmitAsync([host], 30, SelfHostHub.NeedsReview);
        await hub.WaitForAllAsync(host, posts.Values, "AwaitingApproval", TimeSpan.FromSeconds(60));
        (Dictionary<string, ReceivedMail> requests, _) = await hub.ExpectOneMailEachAsync(hub.Approver, "Approve a post", posts.Keys, TimeSpan.FromSeconds(60));

        // All thirty at once; the host dies as soon as the eighth has been answered, with the others in every stage.
        int answered = 0;
        ConcurrentDictionary<string, string> outcome = new();
        using HttpClient browser = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(30) };
        Stopwatch posting = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 30 }, async (request, ct) =>
        {
            try
            {
                using HttpResponseMessage response = await browser.PostAsync(request.Value.Link("Approve"), Form("approve"), ct);
                outcome[request.Key] = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (Interlocked.Increment(ref answered) == 8)
                {
                    host.Kill();
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                outcome[request.Key] = "failed: " + ex.GetType().Name;
            }
        });
        if (host.IsRunning)
        {
            host.Kill();
        }

        List<string> ok = outcome.Where(o => o.Value == "200").Select(o => o.Key).ToList();
        List<string> failed = outcome.Where(o => o.Value != "200").Select(o => o.Key).ToList();
        Log($"posting for {posting.Elapsed}: {string.Join(", ", outcome.GroupBy(o => o.Value).Select(g => $"{g.Count()} × {g.Key}"))}");
        Assert.DoesNotContain(outcome.Values, v => v.StartsWith('4'));

        Log($"restart: {await host.StartAsync(StartTimeout)}");
        Stopwatch sinceRestart = Stopwatch.StartNew();
        TimeSpan okApproved = await hub.WaitForAllAsync(host, ok.Select(m => posts[m]), "Approved", TimeSpan.FromSeconds(30));
        Log($"the {ok.Count} answered approvals took effect {okApproved} after restart");

        // The approver whose page errored tries again: it goes through, or says it was already recorded.
        ConcurrentDictionary<string, string> retried = new();
        await Parallel.ForEachAsync(failed, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (marker, ct) =>
        {
            using HttpResponseMessage again = await browser.PostAsync(requests[marker].Link("Approve"), Form("approve"), ct);
            string page = await again.Content.ReadAsStringAsync(ct);
            retried[marker] = again.StatusCode switch
            {
                HttpStatusCode.OK => "decided",
                HttpStatusCode.Conflict when page.Contains("already", StringComparison.Ordinal) => "already",
                _ => $"{(int)again.StatusCode}",
            };
        });
        Log($"retries: {string.Join(", ", retried.GroupBy(r => r.Value).Select(g => $"{g.Count()} × {g.Key}"))}");
        Assert.All(retried, r => Assert.True(r.Value is "decided" or "already", $"the retry of {r.Key} got {r.Value}"));

        TimeSpan all = await hub.WaitForAllAsync(host, posts.Values, "Approved", TimeSpan.FromSeconds(30));
        Log($"all 30 approved {sinceRestart.Elapsed} after restart ({all} after the retries)");
        List<string> resent = (await hub.ExpectOneMailEachAsync(hub.Author, "Your post was approved", posts.Keys, TimeSpan.FromSeconds(30))).ResentAcrossKill;
        Log($"one outcome mail each; re-sent across the kill: {resent.Count} {string.Join("; ", resent)}");
        await hub.AssertAllCompletedAsync(30);
    }

    [Fact]
    public async Task A_decision_whose_slot_was_taken_when_the_host_died_is_delivered_when_the_link_is_used_again()
    {
        // The decision POST takes the approver's ledger slot, then raises the event: a process that dies between the
        // two leaves the slot used and the post waiting. Recreate exactly that state, then use the link again.
        await using SelfHostHub hub = new(services);
        ChildHost host = hub.Child("crash-d");
        await host.StartAsync(StartTimeout);
        Dictionary<string, string> posts = await hub.SubmitAsync([host], 1, SelfHostHub.NeedsReview);
        (string marker, string postId) = posts.Single();
        await hub.WaitForAllAsync(host, [postId], "AwaitingApproval", TimeSpan.FromSeconds(30));
        ReceivedMail request = (await hub.ExpectOneMailEachAsync(hub.Approver, "Approve a post", [marker], TimeSpan.FromSeconds(30))).Mails[marker];

        Chorus.Approvals.ApprovalTokenClaims claims = new("post", "post-" + postId, 1, hub.Approver, "approve", DateTimeOffset.UtcNow.AddDays(1));
        Chorus.Approvals.ApprovalDecisionRecord taken = Chorus.Approvals.ApprovalDecisionRecord.ForClaims(claims, "Approved just before the crash.", DateTimeOffset.UtcNow, "127.0.0.1", "test");
        Assert.True(await new Chorus.Infrastructure.Approvals.BlobApprovalLedger(hub.Artefacts).TryConsumeAsync(claims, taken));
        host.Kill();
        await host.StartAsync(StartTimeout);

        using HttpClient browser = new();
        using HttpResponseMessage again = await browser.PostAsync(request.Link("Approve"), Form("approve"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already approved", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await hub.WaitForAllAsync(host, [postId], "Approved", TimeSpan.FromSeconds(30));
        (Dictionary<string, ReceivedMail> outcomes, List<string> resent) = await hub.ExpectOneMailEachAsync(hub.Author, "Your post was approved", [marker], TimeSpan.FromSeconds(30));
        Assert.Empty(resent);
        ReceivedMail told = outcomes[marker];
        Assert.Contains("Approved just before the crash.", told.Text, StringComparison.Ordinal);
        await hub.AssertAllCompletedAsync(1);
    }

    [Fact]
    public async Task Two_processes_share_one_hub_and_when_one_is_killed_the_other_finishes_every_post_once()
    {
        await using SelfHostHub hub = new(services);
        ChildHost first = hub.Child("scale-a"), second = hub.Child("scale-b");
        await Task.WhenAll(first.StartAsync(StartTimeout), second.StartAsync(StartTimeout));
        Stopwatch sinceStart = Stopwatch.StartNew();
        List<(string Partition, string? Owner)> leases = await hub.LeasesAsync();
        while (leases.Where(l => l.Owner is not null).Select(l => l.Owner).Distinct().Count() < 2 && sinceStart.Elapsed < TimeSpan.FromSeconds(45))
        {
            await Task.Delay(1000);
            leases = await hub.LeasesAsync();
        }

        Log($"leases {sinceStart.Elapsed} after start: {string.Join(", ", leases.Select(l => $"{l.Partition}={l.Owner}"))}");
        Assert.True(leases.Select(l => l.Owner).Where(o => o is not null).Distinct().Count() == 2, $"the two processes never shared the partitions: {string.Join(", ", leases.Select(l => $"{l.Partition}={l.Owner}"))}\n{hub.Tails()}");

        // Posts come in through the survivor's API while both work on them; the other dies once a quarter is done.
        Stopwatch run = Stopwatch.StartNew();
        Task<Dictionary<string, string>> submitting = hub.SubmitAsync([second], 100, SelfHostHub.Clean);
        int done;
        while ((done = await hub.CompletedCountAsync()) < 25 && !submitting.IsFaulted && run.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(250);
        }

        first.Kill();
        Log($"killed {first.Name} {run.Elapsed} into the run, with {done} of 100 completed and {(submitting.IsCompleted ? "all" : "not all")} submitted");
        Dictionary<string, string> posts = await submitting;
        Log($"100 submitted in {run.Elapsed}");

        TimeSpan rest = await hub.WaitForAllAsync(second, posts.Values, "Approved", TimeSpan.FromSeconds(90));
        List<(string Partition, string? Owner)> after = await hub.LeasesAsync();
        Log($"all 100 approved {run.Elapsed} into the run ({rest} after the last submission); leases now: {string.Join(", ", after.Select(l => $"{l.Partition}={l.Owner}"))}");
        Assert.All(after, l => Assert.Equal(second.Name, l.Owner));
        List<string> resent = (await hub.ExpectOneMailEachAsync(hub.Author, "Your post was approved", posts.Keys, TimeSpan.FromSeconds(30))).ResentAcrossKill;
        Log($"one outcome mail each; re-sent across the kill: {resent.Count} {string.Join("; ", resent)}");
        Log($"all 100 instances completed {await hub.AssertAllCompletedAsync(100, TimeSpan.FromSeconds(60))} after that");
    }

    /// <summary>Approves through each mail's Approve link with the confirmation form, several at once.</summary>
    private static async Task<List<(ReceivedMail Mail, HttpStatusCode? Status, string? Error)>> ApproveAllAsync(IEnumerable<ReceivedMail> mails, bool expectAllOk, int parallelism = 8)
    {
        ConcurrentBag<(ReceivedMail, HttpStatusCode?, string?)> results = [];
        using HttpClient browser = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(30) };
        await Parallel.ForEachAsync(mails, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (mail, ct) =>
        {
            try
            {
                using HttpResponseMessage response = await browser.PostAsync(mail.Link("Approve"), Form("approve"), ct);
                results.Add((mail, response.StatusCode, response.IsSuccessStatusCode ? null : await response.Content.ReadAsStringAsync(ct)));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                results.Add((mail, null, ex.Message));
            }
        });
        if (expectAllOk)
        {
            List<string> failed = results.Where(r => r.Item2 != HttpStatusCode.OK).Select(r => $"{r.Item2}: {r.Item3}").ToList();
            Assert.True(failed.Count == 0, $"{failed.Count} approval(s) failed: {string.Join(" | ", failed.Take(5))}");
        }

        return [.. results];
    }

    private static FormUrlEncodedContent Form(string action) => new(new Dictionary<string, string> { ["action"] = action, ["comment"] = "Fine by me." });

    private void Log(string message) => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {message}");
}
