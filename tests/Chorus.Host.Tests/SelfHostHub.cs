using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Chorus.Durable;
using Chorus.LocalComponents;
using Chorus.Posts;
using Chorus.Posts.Review;
using DurableTask.AzureStorage;
using DurableTask.Core;

namespace Chorus.Host.Tests;

/// <summary>
/// One task hub, artefact container and set of addresses on the shared Azurite and maildev, and self-host child
/// processes on it (<see cref="ChildHost"/>), plus what tests need to drive and check posts from outside.
/// </summary>
internal sealed class SelfHostHub : IAsyncDisposable
{
    private readonly LocalServicesFixture _services;
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly List<ChildHost> _children = [];
    private readonly ConcurrentDictionary<string, string> _markers = new();

    public SelfHostHub(LocalServicesFixture services)
    {
        _services = services;
        Suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

        // Letters only: digits in post texts could look like phone numbers to the policy checks.
        Tag = new string(Suffix.Select(c => (char)('a' + (Convert.ToInt32(c.ToString(), 16) % 26))).ToArray());
        Mailbox = new Mailbox(services.Maildev.WebUri);
        Artefacts = new BlobContainerClient(services.Azurite.ConnectionString, ContainerName);
    }

    /// <summary>How long queue messages a killed child had taken stay hidden: the longest a restart waits for them.</summary>
    public static TimeSpan VisibilityTimeout { get; } = TimeSpan.FromSeconds(15);

    public string Suffix { get; }

    /// <summary>Gets this hub's letters-only tag, part of every post marker so markers never collide across tests.</summary>
    public string Tag { get; }

    public string HubName => "crash" + Suffix;

    public string ContainerName => "crash" + Suffix;

    public string Approver => $"comms-{Suffix}@chorus.test";

    public string Author => $"author-{Suffix}@chorus.test";

    public Mailbox Mailbox { get; }

    public BlobContainerClient Artefacts { get; }

    public IReadOnlyList<ChildHost> Children => _children;

    /// <summary>A self-host process on this hub, not started yet; the same object restarts under the same WorkerId and port.</summary>
    public ChildHost Child(string workerId, Action<Dictionary<string, string>>? configure = null)
    {
        int port = LoopbackPort.GetFree();
        Uri baseUri = new($"http://127.0.0.1:{port}/");
        string connection = _services.Azurite.ConnectionString;
        Dictionary<string, string> environment = new()
        {
            ["Urls"] = baseUri.ToString(),
            ["Durable__ConnectionString"] = connection,
            ["Durable__HubName"] = HubName,
            ["Durable__WorkerId"] = workerId,
            ["Durable__PartitionCount"] = "4",

            // Work a killed process had taken (dequeued queue messages) comes back after these; DTFx's 5 minutes
            // would make every test wait that long. Activities here take well under a second.
            ["Durable__ControlQueueVisibilityTimeout"] = VisibilityTimeout.ToString(),
            ["Durable__WorkItemQueueVisibilityTimeout"] = VisibilityTimeout.ToString(),
            ["Artefacts__ConnectionString"] = connection,
            ["Artefacts__ContainerName"] = ContainerName,
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = _services.Maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mail__FromAddress"] = "chorus@chorus.test",
            ["Approvals__Links__SigningKeys__k1"] = _signingKey,
            ["Approvals__Links__ActiveKeyId"] = "k1",
            ["Approvals__Links__PublicBaseUrl"] = baseUri.ToString(),
            ["Api__Keys__tests"] = ChorusTestHost.ApiKey,
            ["Api__RateLimit__PermitsPerMinute"] = "1000000",
            ["Posts__Policy__AllowedLinkDomains__0"] = "chorus.example",
            ["Posts__Review__Stages__0__Name"] = "Communications",
            ["Posts__Review__Stages__0__Mode"] = "FirstResponse",
            ["Posts__Review__Stages__0__Approvers__0"] = Approver,
            ["Posts__Review__Stages__0__Backups__0"] = $"backup-{Suffix}@chorus.test",
            ["Mentions__Triage__Teams__0__Recipients__0"] = $"care-{Suffix}@chorus.test",
            ["Mentions__Triage__Teams__0__Backups__0"] = $"care-lead-{Suffix}@chorus.test",
            ["Mentions__Monitor__Enabled"] = "false",

            // Info logs of every request would only slow a loaded machine down; warnings and errors are kept.
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        configure?.Invoke(environment);
        ChildHost child = new($"{workerId}", baseUri, environment);
        _children.Add(child);
        return child;
    }

    /// <summary>A post text, unique by its marker, that needs a person to review it (an outside link).</summary>
    public static string NeedsReview(string marker) => $"Big news from Chorus today, story {marker}! #ChorusEmployee https://elsewhere.example/launch";

    /// <summary>A post text, unique by its marker, that the rules approve on their own.</summary>
    public static string Clean(string marker) => $"Had a lovely time volunteering with the team today, story {marker}.";

    /// <summary>The marker of the <paramref name="index"/>th post: letters only, the same length for every post.</summary>
    public string Marker(int index) => $"zq{Tag}{(char)('a' + ((index / 676) % 26))}{(char)('a' + ((index / 26) % 26))}{(char)('a' + (index % 26))}";

    /// <summary>Submits posts through <paramref name="via"/> (several at once) and returns post id by marker.</summary>
    public async Task<Dictionary<string, string>> SubmitAsync(IReadOnlyList<ChildHost> via, int count, Func<string, string> text, int parallelism = 8)
    {
        ConcurrentDictionary<string, string> ids = new();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, ct) =>
        {
            string marker = Marker(i);
            ChildHost host = via[i % via.Count];
            string body = $$"""{"author":{"email":"{{Author}}","displayName":"Ada Author","team":"marketing"},"text":{{JsonSerializer.Serialize(text(marker))}},"channels":["linkedin"]}""";
            using HttpResponseMessage response = await host.Http.PostAsync("api/posts", new StringContent(body, Encoding.UTF8, "application/json"), ct);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"submission {marker} via {host.Name} was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            string postId = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("postId").GetString()!;
            ids[marker] = postId;
            _markers[postId] = marker;
        });
        return new Dictionary<string, string>(ids);
    }

    /// <summary>The status the API shows for a post.</summary>
    public static async Task<string> StatusAsync(ChildHost via, string postId)
    {
        JsonElement document = (await via.Http.GetFromJsonAsync<JsonElement>($"api/posts/{postId}"))!;
        return document.GetProperty("status").GetString()!;
    }

    /// <summary>Waits until every post shows <paramref name="status"/>; fails naming the posts that did not, with the children's output.</summary>
    /// <returns>How long it took.</returns>
    public async Task<TimeSpan> WaitForAllAsync(ChildHost via, IEnumerable<string> postIds, string status, TimeSpan timeout)
    {
        Stopwatch watch = Stopwatch.StartNew();
        HashSet<string> pending = [.. postIds];
        ConcurrentDictionary<string, string> last = new();
        while (true)
        {
            ConcurrentBag<string> done = [];
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (id, _) =>
            {
                try
                {
                    string now = await StatusAsync(via, id);
                    last[id] = now;
                    if (now == status)
                    {
                        done.Add(id);
                    }
                }
                catch (HttpRequestException ex)
                {
                    last[id] = "unreadable: " + ex.Message;
                }
                catch (TaskCanceledException)
                {
                    last[id] = "unreadable: timed out";
                }
            });
            pending.ExceptWith(done);
            if (pending.Count == 0)
            {
                return watch.Elapsed;
            }

            if (watch.Elapsed > timeout)
            {
                string stuck = string.Join(", ", pending.Take(20).Select(id => $"{id} ({MarkerOf(id)}): {last.GetValueOrDefault(id)}"));
                Assert.Fail($"{pending.Count} post(s) did not reach {status} within {timeout.TotalSeconds:0} s: {stuck}\n{await DescribeInstancesAsync()}\n{Tails()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Every orchestration instance of the hub, straight from the Instances table (not through a child).</summary>
    public async Task<IList<OrchestrationState>> InstancesAsync()
    {
        using AzureStorageOrchestrationService service = new(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = HubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(_services.Azurite.ConnectionString),
            PartitionCount = 4,
        });
        return await service.GetOrchestrationStateAsync(CancellationToken.None);
    }

    /// <summary>
    /// Asserts that every instance of the hub completes within <paramref name="timeout"/> (30 s unless told): none is
    /// left Running or Pending.
    /// </summary>
    /// <remarks>
    /// The author's outcome mail goes out before the publishing steps, so an instance still runs for a moment after
    /// it; on a loaded machine, or with its last activity on a killed process, that moment can be seconds.
    /// </remarks>
    /// <returns>How long it took.</returns>
    public async Task<TimeSpan> AssertAllCompletedAsync(int expected, TimeSpan? timeout = null)
    {
        Stopwatch watch = Stopwatch.StartNew();
        while (true)
        {
            IList<OrchestrationState> instances = await InstancesAsync();
            List<OrchestrationState> open = instances.Where(i => i.OrchestrationStatus != OrchestrationStatus.Completed).ToList();
            if (open.Count == 0 || watch.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
            {
                Assert.True(open.Count == 0, $"{open.Count} of {instances.Count} instances have not completed within {watch.Elapsed.TotalSeconds:0} s: {string.Join(", ", open.Take(20).Select(i => $"{i.OrchestrationInstance.InstanceId} {i.OrchestrationStatus} {i.Status}"))}\n{Tails()}");
                Assert.Equal(expected, instances.Count);
                return watch.Elapsed;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Asserts that every instance of the hub is live and waiting for a decision (the custom status says so).
    /// </summary>
    /// <remarks>
    /// DTFx's Azure Storage backend writes RuntimeStatus Running only in the turn that holds ExecutionStarted: a
    /// kill after that turn's history was written but before its Instances row was leaves the row Pending until the
    /// instance completes, though it runs normally. So Pending counts as live here.
    /// </remarks>
    /// <returns>How many of them the Instances table still shows as Pending.</returns>
    public async Task<int> AssertAllAwaitingAsync(int expected)
    {
        IList<OrchestrationState> instances = await InstancesAsync();
        List<OrchestrationState> odd = instances.Where(i => i.OrchestrationStatus is not (OrchestrationStatus.Running or OrchestrationStatus.Pending) || DurableJson.Deserialize<PostProgress>(i.Status)?.Status != PostStatus.AwaitingApproval).ToList();
        Assert.True(odd.Count == 0, $"{odd.Count} of {instances.Count} instances are not waiting for a decision: {string.Join(", ", odd.Take(20).Select(i => $"{i.OrchestrationInstance.InstanceId} {i.OrchestrationStatus} {i.Status}"))}");
        Assert.Equal(expected, instances.Count);
        return instances.Count(i => i.OrchestrationStatus == OrchestrationStatus.Pending);
    }

    /// <summary>How many instances of the hub have completed (one table query; cheaper than asking for each post).</summary>
    public async Task<int> CompletedCountAsync() => (await InstancesAsync()).Count(i => i.OrchestrationStatus == OrchestrationStatus.Completed);

    /// <summary>
    /// The partitions of the hub and who owns each, from the table partition manager's <c>{hub}Partitions</c> table
    /// (DTFx Azure Storage's default), as "control queue: owner (until)".
    /// </summary>
    public async Task<List<(string Partition, string? Owner)>> LeasesAsync()
    {
        TableClient table = new(_services.Azurite.ConnectionString, HubName + "Partitions");
        List<(string, string?)> found = [];
        try
        {
            await foreach (TableEntity lease in table.QueryAsync<TableEntity>())
            {
                string? owner = lease.GetString("CurrentOwner");
                found.Add((lease.RowKey, string.IsNullOrEmpty(owner) ? null : owner));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The hub's tables are not there yet.
        }

        return found;
    }

    public async Task<string> DescribeInstancesAsync()
    {
        try
        {
            IList<OrchestrationState> instances = await InstancesAsync();
            return "instances: " + string.Join(", ", instances.GroupBy(i => $"{i.OrchestrationStatus} {i.Status}").Select(g => $"{g.Count()} × {g.Key}"));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return "instances unreadable: " + ex.Message;
        }
    }

    /// <summary>This hub's mails with <paramref name="subject"/> to <paramref name="to"/>, counted by the post marker in their text.</summary>
    public async Task<Dictionary<string, List<ReceivedMail>>> MailsByMarkerAsync(string to, string subject)
    {
        IReadOnlyList<ReceivedMail> all = await Mailbox.AllAsync();
        Dictionary<string, List<ReceivedMail>> byMarker = [];
        foreach (ReceivedMail mail in all.Where(m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase) && m.Subject.StartsWith(subject, StringComparison.Ordinal)))
        {
            int at = mail.Text.IndexOf("zq" + Tag, StringComparison.Ordinal);
            string marker = at < 0 ? "(none)" : mail.Text.Substring(at, Marker(0).Length);
            if (!byMarker.TryGetValue(marker, out List<ReceivedMail>? list))
            {
                byMarker[marker] = list = [];
            }

            list.Add(mail);
        }

        return byMarker;
    }

    /// <summary>
    /// Waits until every marker has at least one such mail, then a little longer for late duplicates, and asserts
    /// one email per post (and none for anything else).
    /// </summary>
    /// <remarks>
    /// One exception, which no mail sender can avoid: a process killed after the SMTP server accepted a message but
    /// before the step recorded it (the kept .eml) sends it again when the step is retried. Such a re-send is the
    /// same message (same Message-ID) and straddles a kill: the first copy was made before it, the second after
    /// (maildev's time is the message's Date header, set when the step built it). It is reported, not failed.
    /// Anything else (two different messages, or two copies with no kill between them, as two executions racing
    /// would send) fails.
    /// </remarks>
    /// <returns>The first mail of each marker, and the re-sends across a kill (described).</returns>
    public async Task<(Dictionary<string, ReceivedMail> Mails, List<string> ResentAcrossKill)> ExpectOneMailEachAsync(string to, string subject, IReadOnlyCollection<string> markers, TimeSpan timeout)
    {
        Stopwatch watch = Stopwatch.StartNew();
        Dictionary<string, List<ReceivedMail>> mails;
        while (true)
        {
            mails = await MailsByMarkerAsync(to, subject);
            if (markers.All(mails.ContainsKey))
            {
                break;
            }

            if (watch.Elapsed > timeout)
            {
                Assert.Fail($"{markers.Count(m => !mails.ContainsKey(m))} of {markers.Count} '{subject}' mails to {to} never came, e.g. {string.Join(", ", markers.Where(m => !mails.ContainsKey(m)).Take(10))}\n{await DescribeInstancesAsync()}\n{Tails()}");
            }

            await Task.Delay(500);
        }

        // A duplicate would come from a step run twice: give one that is under way a moment to land.
        await Task.Delay(TimeSpan.FromSeconds(2));
        mails = await MailsByMarkerAsync(to, subject);
        Assert.All(mails.Values.SelectMany(m => m), m => Assert.False(string.IsNullOrEmpty(m.MessageId), "a mail without a Message-ID: re-sends could not be told apart"));
        List<DateTimeOffset> kills = [.. _children.SelectMany(c => c.Kills)];
        bool StraddlesKill(List<ReceivedMail> copies)
            => copies.Count == 2
                && copies[0].MessageId is not null
                && copies.Select(c => c.MessageId).Distinct().Count() == 1
                && kills.Any(k => copies.Min(c => c.ReceivedAt) <= k && copies.Max(c => c.ReceivedAt) > k);
        List<KeyValuePair<string, List<ReceivedMail>>> several = mails.Where(m => m.Value.Count > 1).ToList();
        List<string> duplicates = several.Where(m => !StraddlesKill(m.Value)).Select(Describe).ToList();
        List<string> strangers = mails.Keys.Where(k => !markers.Contains(k)).ToList();
        Assert.True(duplicates.Count == 0, $"'{subject}' mails to {to} were sent more than once for {duplicates.Count} post(s): {string.Join(", ", duplicates)}; kills at {string.Join(", ", kills.Select(k => k.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)))}\n{Tails()}");
        Assert.True(strangers.Count == 0, $"'{subject}' mails to {to} for unknown posts: {string.Join(", ", strangers)}");
        return (mails.ToDictionary(m => m.Key, m => m.Value[0]), several.Select(Describe).ToList());

        string Describe(KeyValuePair<string, List<ReceivedMail>> m)
            => $"{m.Key} ({m.Value.Count}×, post {PostOf(m.Key)}, received {string.Join(" and ", m.Value.Select(v => $"{v.ReceivedAt.UtcDateTime:HH:mm:ss.fff} as {v.MessageId}"))})";
    }

    public string Tails() => string.Join('\n', _children.Select(c => c.Tail()));

    public string? MarkerOf(string postId) => _markers.GetValueOrDefault(postId);

    public string? PostOf(string marker) => _markers.FirstOrDefault(m => m.Value == marker).Key;

    public async ValueTask DisposeAsync()
    {
        foreach (ChildHost child in _children)
        {
            await child.DisposeAsync();
        }
    }
}
