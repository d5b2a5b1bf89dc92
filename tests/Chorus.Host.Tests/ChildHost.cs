using System.Diagnostics;
using System.Net;

namespace Chorus.Host.Tests;

/// <summary>
/// The published self-host (<c>dotnet Chorus.Host.dll</c>) as a child process, configured only by environment
/// variables, that a test can kill with SIGKILL at any moment and start again with the same settings (same port, same
/// WorkerId). Keeps the tail of what the child printed, for failure messages.
/// </summary>
internal sealed class ChildHost : IAsyncDisposable
{
    private const int TailLines = 80;

    private readonly Dictionary<string, string> _environment;
    private readonly Queue<string> _tail = new();
    private readonly List<string> _history = [];
    private readonly List<DateTimeOffset> _kills = [];
    private readonly List<string> _output = [];
    private Process? _process;

    public ChildHost(string name, Uri baseUri, Dictionary<string, string> environment)
    {
        Name = name;
        BaseUri = baseUri;
        _environment = environment;
        Http = NewClient(baseUri, TimeSpan.FromSeconds(30));
    }

    /// <summary>Gets the self-host's dll: the project's own build output for the configuration this test assembly was built in.</summary>
    public static string HostDll { get; } = FindHostDll();

    public string Name { get; }

    public Uri BaseUri { get; }

    /// <summary>Gets a client for the child's API (with the test API key); its connections do not outlive a kill.</summary>
    public HttpClient Http { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Gets the child's process id while it runs.</summary>
    public int? ProcessId => IsRunning ? _process!.Id : null;

    /// <summary>Gets when (UTC) each SIGKILL was sent.</summary>
    public IReadOnlyList<DateTimeOffset> Kills => _kills;

    public static HttpClient NewClient(Uri baseUri, TimeSpan timeout)
    {
        HttpClient client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5), ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = baseUri,
            Timeout = timeout,
        };
        client.DefaultRequestHeaders.Add("X-Api-Key", ChorusTestHost.ApiKey);
        return client;
    }

    /// <summary>Gets everything the child printed since its last start (both streams).</summary>
    public string Output
    {
        get
        {
            lock (_tail)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts the child and waits until <c>/readyz</c> answers 200 (storage, the task hub through the sidecar, and mail answer).</summary>
    /// <returns>How long the start took.</returns>
    public async Task<TimeSpan> StartAsync(TimeSpan? timeout = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        Stopwatch watch = Stopwatch.StartNew();
        ProcessStartInfo start = new("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(HostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostDll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach ((string key, string value) in _environment)
        {
            start.Environment[key] = value;
        }

        lock (_tail)
        {
            _output.Clear();
        }

        Process process = new() { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        Append($"----- {Name}: start {_history.Count(h => h.StartsWith("start", StringComparison.Ordinal)) + 1} at {DateTime.UtcNow:HH:mm:ss.fff}");
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {HostDll}.");
        }

        _history.Add($"start {DateTime.UtcNow:HH:mm:ss.fff}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        using HttpClient probe = NewClient(BaseUri, TimeSpan.FromSeconds(5));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} while starting.\n{Tail()}");
            }

            try
            {
                using HttpResponseMessage health = await probe.GetAsync(new Uri("readyz", UriKind.Relative));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return watch.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} did not become ready within {timeout ?? TimeSpan.FromSeconds(60)}.\n{Tail()}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the child has printed a line containing <paramref name="text"/>; returns its output so far.</summary>
    public async Task<string> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || _process is null || _process.HasExited)
            {
                throw new TimeoutException($"{Name} did not print '{text}' within {timeout}.\n{Tail()}");
            }

            await Task.Delay(100);
        }

        return Output;
    }

    /// <summary>SIGINT to the child alone, as Ctrl+C or <c>kill -INT</c> sends it; waits for it to exit and returns its exit code.</summary>
    public async Task<int> InterruptAsync(TimeSpan timeout)
    {
        Process process = _process ?? throw new InvalidOperationException($"{Name} is not running.");
        using (Process kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using CancellationTokenSource wait = new(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout} of a SIGINT.\n{Tail()}");
        }

        int code = process.ExitCode;
        _history.Add($"interrupted {DateTime.UtcNow:HH:mm:ss.fff}");
        Append($"----- {Name}: exited with {code} after SIGINT at {DateTime.UtcNow:HH:mm:ss.fff}");
        process.Dispose();
        _process = null;
        return code;
    }

    /// <summary>SIGKILL to the child and everything it started: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _kills.Add(DateTimeOffset.UtcNow);
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _history.Add($"killed {DateTime.UtcNow:HH:mm:ss.fff}");
        Append($"----- {Name}: killed at {DateTime.UtcNow:HH:mm:ss.fff}");
        _process.Dispose();
        _process = null;
    }

    /// <summary>The last lines the child printed (both streams, every start), for failure messages.</summary>
    public string Tail()
    {
        lock (_tail)
        {
            return $"===== {Name} ({string.Join(", ", _history)}), last {_tail.Count} lines:\n" + string.Join('\n', _tail);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _output.Add(line);
            _tail.Enqueue(line.Length > 500 ? line[..500] + "…" : line);
            while (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    private static string FindHostDll()
    {
        // The test assembly lives in tests/Chorus.Host.Tests/bin/{Configuration}/{tfm}/; the host's own output (with its
        // deps.json, runtimeconfig.json and appsettings.json) is at the same place under src/Chorus.Host.
        DirectoryInfo tfm = new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string configuration = tfm.Parent!.Name;
        for (DirectoryInfo? dir = tfm; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "functions.sln")))
            {
                string dll = Path.Combine(dir.FullName, "src", "Chorus.Host", "bin", configuration, tfm.Name, "Chorus.Host.dll");
                return File.Exists(dll)
                    ? dll
                    : throw new FileNotFoundException($"The self-host is not built at {dll}: build the solution in {configuration} first.", dll);
            }
        }

        throw new DirectoryNotFoundException($"No functions.sln above {AppContext.BaseDirectory}.");
    }
}
