using System.Diagnostics;

namespace Chorus.Engine.Tests;

/// <summary>The test worker host as a real child process, so a test can kill -9 it mid-run.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    public static async Task<WorkerProcess> StartAsync(string connectionString, string hub, string workerId)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Chorus.Engine.TestWorker.dll");
        ProcessStartInfo start = new("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (string arg in new[]
        {
            dll,
            $"--Durable:ConnectionString={connectionString}",
            $"--Durable:HubName={hub}",
            $"--Durable:WorkerId={workerId}",
            "--Durable:PollInterval=00:00:00.100",
            "--Durable:OwnershipDuration=00:00:03",
            "--Durable:MaxFlushDelay=00:00:00.050",
        })
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the test worker.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using CancellationTokenSource cts = new(TimeSpan.FromSeconds(60));
        string? line = await process.StandardOutput.ReadLineAsync(cts.Token);
        if (line != "ready")
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The test worker did not start: {line}");
        }

        return new WorkerProcess(process);
    }

    /// <summary>Kills the process at once (SIGKILL): no graceful shutdown, no flush.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
