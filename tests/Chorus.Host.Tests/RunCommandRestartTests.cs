using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Chorus.Host.LocalDevelopment;
using Chorus.LocalComponents;

namespace Chorus.Host.Tests;

/// <summary>
/// The run command (the self-host on its embedded defaults, as a child process) remembers across a restart: its dev
/// keys, Azurite's data and the DataProtection keys live in the dev folder, here a temporary one. Stopped with SIGINT,
/// as Ctrl+C stops it.
/// </summary>
public sealed partial class RunCommandRestartTests : IDisposable
{
    private const string Welcome = "  Stop ";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly string _folder = Directory.CreateTempSubdirectory("chorus-run-").FullName;

    [Fact]
    public async Task Dev_keys_are_made_once_kept_owner_only_and_reused_and_the_welcome_block_lists_what_is_needed()
    {
        await using ChildHost host = RunCommand();
        await host.StartAsync(StartTimeout);
        string first = await host.WaitForOutputAsync(Welcome, TimeSpan.FromSeconds(30));
        string apiKey = ApiKeyIn(first);
        Assert.Contains("dev keys made and kept in " + Path.Combine(_folder, "dev-keys.json"), first, StringComparison.Ordinal);
        Assert.Contains($"starting Azurite (blob, queue and table storage, persisted in {Path.Combine(_folder, "azurite")})", first, StringComparison.Ordinal);
        Assert.DoesNotContain("XML encryptor", first, StringComparison.Ordinal);

        // Everything needed to try Chorus, in one block.
        Assert.Equal($"{host.BaseUri}docs", WelcomeRow(first, "API docs"));

        // The dashboard's one-time sign-in link, as the first review stage's approver; opening it signs nobody in yet.
        string dashboard = WelcomeRow(first, "Dashboard");
        Assert.Contains("one-time sign-in as comms@chorus.local", dashboard, StringComparison.Ordinal);
        Uri signIn = new(dashboard.Split(' ')[0]);
        Assert.StartsWith($"{host.BaseUri}dashboard/sign-in/", signIn.ToString(), StringComparison.Ordinal);
        using (HttpClient browser = new())
        {
            string page = await browser.GetStringAsync(signIn);
            Assert.Contains("You are about to sign in as <strong>comms@chorus.local</strong>", page, StringComparison.Ordinal);
        }

        Assert.Contains("X-Api-Key header", WelcomeRow(first, "API key"), StringComparison.Ordinal);
        Uri maildev = new(WelcomeRow(first, "Emails").Split(' ')[0]);
        using (HttpClient web = new())
        {
            Assert.Equal(HttpStatusCode.OK, (await web.GetAsync(new Uri(maildev, "api/email"))).StatusCode);
        }

        string connection = WelcomeRow(first, "Connection");
        Assert.StartsWith("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;", connection, StringComparison.Ordinal);
        List<string> containers = [];
        await foreach (Azure.Storage.Blobs.Models.BlobContainerItem container in new BlobServiceClient(connection).GetBlobContainersAsync())
        {
            containers.Add(container.Name);
        }

        Assert.Contains(containers, name => name.StartsWith("chorushub", StringComparison.Ordinal));
        Assert.StartsWith(_folder + " ", WelcomeRow(first, "Dev data"), StringComparison.Ordinal);
        Assert.Equal($"stop Chorus, then delete {_folder}", WelcomeRow(first, "Start afresh"));
        Assert.Contains("Ctrl+C", WelcomeRow(first, "Stop"), StringComparison.Ordinal);
        await AssertApiKeyWorksAsync(host, apiKey);

        DevKeys kept = JsonSerializer.Deserialize<DevKeys>(await File.ReadAllTextAsync(Path.Combine(_folder, "dev-keys.json")), JsonSerializerOptions.Web)!;
        Assert.Equal(apiKey, kept.ApiKey);
        Assert.Equal(32, Convert.FromBase64String(kept.SigningKey!).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, "dev-keys.json")));
        }

        Assert.Equal(0, await host.InterruptAsync(StopTimeout));
        await host.StartAsync(StartTimeout);
        string second = await host.WaitForOutputAsync(Welcome, TimeSpan.FromSeconds(30));
        Assert.Equal(apiKey, ApiKeyIn(second));
        Assert.Contains("dev keys from " + Path.Combine(_folder, "dev-keys.json"), second, StringComparison.Ordinal);
        await AssertApiKeyWorksAsync(host, apiKey);
        Assert.Equal(kept, JsonSerializer.Deserialize<DevKeys>(await File.ReadAllTextAsync(Path.Combine(_folder, "dev-keys.json")), JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task A_post_waiting_for_approval_survives_a_restart_and_its_emailed_link_still_decides_it()
    {
        await using ChildHost host = RunCommand();
        (HttpClient api, string postId, Uri approve) = await SubmitAndReadApprovalLinkAsync(host);
        using (api)
        {
            Assert.Equal(0, await host.InterruptAsync(StopTimeout));
            await host.StartAsync(StartTimeout);
            string second = await host.WaitForOutputAsync(Welcome, TimeSpan.FromSeconds(30));
            Assert.DoesNotContain("DataProtection", second, StringComparison.Ordinal);
            Assert.DoesNotContain("XML encryptor", second, StringComparison.Ordinal);
            Assert.DoesNotContain("warn:", second, StringComparison.Ordinal);
            await AssertApprovedByLinkAsync(host, api, postId, approve);
        }
    }

    [Fact]
    public async Task A_kill_9_of_the_run_command_alone_still_leaves_Azurite_time_to_save_the_pending_post()
    {
        await using ChildHost host = RunCommand();
        (HttpClient api, string postId, Uri approve) = await SubmitAndReadApprovalLinkAsync(host);
        using (api)
        {
            // Azurite saves its databases only every 5 s, and when it stops: it must stop, not die, with its parent.
            using (Process hostProcess = Process.GetProcessById(host.ProcessId!.Value))
            {
                hostProcess.Kill(entireProcessTree: false);
                await hostProcess.WaitForExitAsync();
            }

            host.Kill();
            Stopwatch clock = Stopwatch.StartNew();
            while (AzuriteOnTheFolderRuns() && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(100);
            }

            Assert.False(AzuriteOnTheFolderRuns(), "Azurite still runs 10 s after its parent was killed");
            await host.StartAsync(StartTimeout);
            await host.WaitForOutputAsync(Welcome, TimeSpan.FromSeconds(30));
            await AssertApprovedByLinkAsync(host, api, postId, approve);
        }
    }

    [Fact]
    public async Task The_default_dev_folder_is_at_the_repository_root_and_git_ignored()
    {
        LocalDataFolder folder = LocalDataFolder.Resolve(new LocalDevelopmentOptions(), contentRoot: _folder);
        Assert.Equal(Path.Combine(NodeTools.RepositoryRoot, ".chorus"), folder.Path);
        foreach (string path in new[] { folder.DevKeysFile, Path.Combine(folder.AzuriteData, "__azurite_db_blob__.json"), Path.Combine(folder.DataProtectionKeys, "key-1.xml") })
        {
            ProcessStartInfo start = new("git", ["check-ignore", "--quiet", Path.GetRelativePath(NodeTools.RepositoryRoot, path)])
            {
                WorkingDirectory = NodeTools.RepositoryRoot,
            };
            using Process git = Process.Start(start)!;
            await git.WaitForExitAsync();
            Assert.True(git.ExitCode == 0, $"git check-ignore {path}: exit {git.ExitCode} (0 = ignored)");
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ChildHost RunCommand()
    {
        Uri baseUri = new($"http://127.0.0.1:{LoopbackPort.GetFree()}/");
        return new ChildHost("run-command", baseUri, new Dictionary<string, string>
        {
            ["Urls"] = baseUri.ToString(),
            ["LocalDevelopment__DataPath"] = _folder,
            ["Mentions__Monitor__Enabled"] = "false",
        });
    }

    /// <summary>Starts the run command, submits a post that needs a person and reads the Approve link from its email.</summary>
    private static async Task<(HttpClient Api, string PostId, Uri Approve)> SubmitAndReadApprovalLinkAsync(ChildHost host)
    {
        await host.StartAsync(StartTimeout);
        string output = await host.WaitForOutputAsync(Welcome, TimeSpan.FromSeconds(30));
        HttpClient api = ChildHost.NewClient(host.BaseUri, TimeSpan.FromSeconds(30));
        api.DefaultRequestHeaders.Remove("X-Api-Key");
        api.DefaultRequestHeaders.Add("X-Api-Key", ApiKeyIn(output));
        Mailbox mail = new(new Uri(WelcomeRow(output, "Emails").Split(' ')[0]));

        // A link outside the allow-list needs a person (appsettings.json: Communications, comms@chorus.local).
        const string Body = """{"author":{"email":"ada@chorus.local","displayName":"Ada","team":"marketing"},"text":"Big launch at Chorus today! #ChorusEmployee https://news.example/launch","channels":["linkedin"]}""";
        using HttpResponseMessage submitted = await api.PostAsync("api/posts", new StringContent(Body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        string postId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("postId").GetString()!;
        ReceivedMail request = await mail.WaitForAsync("comms@chorus.local", "Approve a post by Ada", TimeSpan.FromSeconds(60));
        Assert.Equal("AwaitingApproval", await StatusAsync(api, postId));
        return (api, postId, request.Link("Approve"));
    }

    /// <summary>After a restart: the post still waits, and the link emailed before the restart decides it.</summary>
    private static async Task AssertApprovedByLinkAsync(ChildHost host, HttpClient api, string postId, Uri approve)
    {
        Assert.Equal("AwaitingApproval", await StatusAsync(api, postId));
        using HttpClient browser = new();
        using (HttpResponseMessage page = await browser.GetAsync(approve))
        {
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"the link from before the restart: {(int)page.StatusCode} {await page.Content.ReadAsStringAsync()}");
        }

        using (HttpResponseMessage decided = await browser.PostAsync(approve, new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "approve", ["comment"] = "Still fine after a restart." })))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        Stopwatch clock = Stopwatch.StartNew();
        string status;
        while ((status = await StatusAsync(api, postId)) != "Approved" && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
        }

        Assert.True(status == "Approved", $"post {postId} is {status} 30 s after its approval.\n{host.Tail()}");
    }

    private bool AzuriteOnTheFolderRuns()
        => Directory.EnumerateDirectories("/proc").Any(dir =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(Path.Combine(_folder, "azurite"), StringComparison.Ordinal);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        });

    private static string ApiKeyIn(string output) => WelcomeRow(output, "API key").Split(' ')[0];

    /// <summary>The value of a row of the welcome block: its label, padded, then the value.</summary>
    private static string WelcomeRow(string output, string label)
    {
        Match row = Regex.Match(output, $"^  {Regex.Escape(label)} +(\\S.*)$", RegexOptions.Multiline);
        Assert.True(row.Success, $"no '{label}' row in the welcome block:\n{output}");
        return row.Groups[1].Value.Trim();
    }

    private static async Task AssertApiKeyWorksAsync(ChildHost host, string apiKey)
    {
        using HttpRequestMessage request = new(HttpMethod.Get, new Uri(host.BaseUri, "api/posts"));
        request.Headers.Add("X-Api-Key", apiKey);
        using HttpClient client = new();
        using HttpResponseMessage response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string> StatusAsync(HttpClient api, string postId)
        => (await api.GetFromJsonAsync<JsonElement>($"api/posts/{postId}")).GetProperty("status").GetString()!;
}
