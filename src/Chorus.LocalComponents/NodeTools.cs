using System.Diagnostics;

namespace Chorus.LocalComponents;

/// <summary>
/// Finds the repository's npm tools (Azurite, maildev), installing them from the pinned lock file the first time,
/// so that nothing depends on a server someone started by hand.
/// </summary>
public static class NodeTools
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private static readonly Lazy<string?> FoundRoot = new(FindRepositoryRoot);

    /// <summary>Gets the folder holding package.json and package-lock.json: the repository root.</summary>
    public static string RepositoryRoot => FoundRoot.Value
        ?? throw new InvalidOperationException("Could not find the Chorus repository root (the folder with functions.sln and package-lock.json) above " + AppContext.BaseDirectory + " or the current directory; set CHORUS_REPO_ROOT.");

    /// <summary>Gets the repository root, or null when this binary runs outside a clone (a published host).</summary>
    public static string? TryRepositoryRoot => FoundRoot.Value;

    /// <summary>Whether a tool's entry point is already installed, so <see cref="ResolveAsync"/> will not run <c>npm ci</c>.</summary>
    public static bool IsInstalled(string relativeScript) => File.Exists(Path.Combine(RepositoryRoot, "node_modules", relativeScript));

    /// <summary>Returns the path of a tool's JavaScript entry point, running <c>npm ci</c> first if it is missing.</summary>
    public static async Task<string> ResolveAsync(string relativeScript, CancellationToken cancellationToken)
    {
        string path = Path.Combine(RepositoryRoot, "node_modules", relativeScript);
        if (File.Exists(path))
        {
            return path;
        }

        await InstallLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!File.Exists(path))
            {
                await NpmCiAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            InstallLock.Release();
        }

        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"'npm ci' ran in {RepositoryRoot} but {path} is still missing. Check package.json.");
    }

    private static async Task NpmCiAsync(CancellationToken cancellationToken)
    {
        ProcessStartInfo start = new("npm", "ci --no-audit --no-fund --loglevel=error")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process npm = Process.Start(start)
            ?? throw new InvalidOperationException("Could not start npm. Install Node.js 20 or later (with npm) and try again.");
        Task<string> stderr = npm.StandardError.ReadToEndAsync(cancellationToken);
        _ = await npm.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await npm.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"'npm ci' failed in {RepositoryRoot} (exit {npm.ExitCode}): {await stderr.ConfigureAwait(false)}");
        }
    }

    private static string? FindRepositoryRoot()
    {
        // CHORUS_REPO_ROOT lets a binary built elsewhere (a published host, a scratch tool) find the pinned tools.
        string?[] starts = [Environment.GetEnvironmentVariable("CHORUS_REPO_ROOT"), AppContext.BaseDirectory, Directory.GetCurrentDirectory()];
        foreach (string start in starts.OfType<string>())
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "package-lock.json")) && File.Exists(Path.Combine(dir.FullName, "functions.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
