using System.Diagnostics;
using System.Globalization;
using Chorus.LocalComponents;

namespace Chorus.Host.Tests;

/// <summary>
/// The run command's local components (Azurite, maildev) die with the host however it dies: a kill -9 runs no
/// shutdown code, and the children must not be left holding their ports.
/// </summary>
public sealed class RunCommandChildrenTests
{
    [Fact]
    public async Task Azurite_and_maildev_are_gone_within_5_s_of_a_kill_9_of_the_host()
    {
        Uri baseUri = new($"http://127.0.0.1:{LoopbackPort.GetFree()}/");
        await using ChildHost host = new("embedded-defaults", baseUri, new Dictionary<string, string>
        {
            ["Urls"] = baseUri.ToString(),
            ["Api__Keys__tests"] = ChorusTestHost.ApiKey,
            ["Mentions__Monitor__Enabled"] = "false",

            // Nothing written into the repository's dev folder: Azurite in memory, keys for this run.
            ["LocalDevelopment__Persist"] = "false",
        });
        await host.StartAsync(TimeSpan.FromSeconds(90));
        int hostPid = host.ProcessId!.Value;
        List<int> nodes = ChildrenOf(hostPid).Where(pid => CommandLine(pid).Contains("node_modules", StringComparison.Ordinal)).ToList();
        Assert.True(nodes.Count == 2, $"expected Azurite and maildev under the host, found: {string.Join(" | ", ChildrenOf(hostPid).Select(CommandLine))}");

        using (Process hostProcess = Process.GetProcessById(hostPid))
        {
            hostProcess.Kill(entireProcessTree: false);
        }

        Stopwatch clock = Stopwatch.StartNew();
        while (nodes.Any(IsAlive) && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(100);
        }

        List<string> survivors = nodes.Where(IsAlive).Select(CommandLine).ToList();
        foreach (int pid in nodes.Where(IsAlive))
        {
            using Process orphan = Process.GetProcessById(pid);
            orphan.Kill();
        }

        Assert.True(survivors.Count == 0, $"still running 5 s after the host was killed: {string.Join(" | ", survivors)}");
    }

    private static IEnumerable<int> ChildrenOf(int pid)
        => Directory.EnumerateDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(id => int.Parse(id, CultureInfo.InvariantCulture))
            .Distinct();

    private static string CommandLine(int pid)
        => File.Exists($"/proc/{pid}/cmdline") ? File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ') : string.Empty;

    // A process that exited but was not reaped yet (state Z) holds no ports and runs nothing.
    private static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
