using System.Diagnostics;
using System.Text;

namespace Chorus.LocalComponents;

/// <summary>A Node.js server process that is started on loopback and killed (SIGKILL, whole tree) on dispose.</summary>
public sealed class NodeServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeServer(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Gets what the server printed so far (for error messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="script"/> (a path under node_modules) with arguments and waits until <paramref name="port"/> listens.</summary>
    public static Task<NodeServer> StartAsync(string name, string script, IEnumerable<string> arguments, int port, CancellationToken cancellationToken)
        => StartAsync(name, script, arguments, [port], cancellationToken);

    /// <summary>Starts <paramref name="script"/> (a path under node_modules) with arguments and waits until every one of <paramref name="ports"/> listens.</summary>
    public static async Task<NodeServer> StartAsync(string name, string script, IEnumerable<string> arguments, IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        string entry = await NodeTools.ResolveAsync(script, cancellationToken).ConfigureAwait(false);
        ProcessStartInfo start = new("node")
        {
            WorkingDirectory = NodeTools.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("--require");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "exit-with-parent.cjs"));
        start.ArgumentList.Add(entry);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start node for {name}. Install Node.js 20 or later.");
        NodeServer server = new(process);
        try
        {
            foreach (int port in ports)
            {
                await LoopbackPort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => process.HasExited, cancellationToken).ConfigureAwait(false);
            }

            // Something else may have taken a port between it being picked and the server binding it: then the port
            // answers, but not this server, which exits on the bind error.
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited (code {process.ExitCode}) right after starting.");
            }
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or InvalidOperationException)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"{name} did not start listening on 127.0.0.1:{string.Join(", ", ports)}. Its output:\n{server.Output}", ex);
        }

        return server;
    }

    /// <summary>
    /// Asks the server to stop (SIGTERM) and waits until it has exited or printed what <paramref name="stopped"/>
    /// recognises, for at most <paramref name="timeout"/>; <see cref="DisposeAsync"/> then kills whatever is left.
    /// Without signals (Windows) this does nothing.
    /// </summary>
    public async Task InterruptAsync(Func<string, bool> stopped, TimeSpan timeout)
    {
        if (OperatingSystem.IsWindows() || _process.HasExited)
        {
            return;
        }

        ProcessStartInfo kill = new("kill") { RedirectStandardError = true };
        kill.ArgumentList.Add("-TERM");
        kill.ArgumentList.Add(_process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using (Process? signal = Process.Start(kill))
        {
            if (signal is not null)
            {
                await signal.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        DateTime deadline = DateTime.UtcNow + timeout;
        while (!_process.HasExited && !stopped(Output) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        // Azurite's graceful stop can take minutes once clients have connected; nothing it holds is worth waiting for.
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }
}
