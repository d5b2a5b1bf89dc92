using System.Diagnostics;

namespace Chorus.Sentiment.Tests.Cli;

/// <summary>The CLI picks its analyzer from configuration; run as a real process so environment variables stay local.</summary>
public sealed class ProviderConfigurationTests
{
    [Fact]
    public async Task Incomplete_azure_language_settings_stop_the_cli_with_a_message_naming_the_setting()
    {
        (int exit, string stdout, string stderr) = await RunCliAsync("{\"id\":\"1\",\"text\":\"great\"}\n", ("Sentiment__Provider", "AzureLanguage"));

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("Sentiment:AzureLanguage:Endpoint", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_settings_the_cli_scores_with_vader()
    {
        (int exit, string stdout, _) = await RunCliAsync("{\"id\":\"1\",\"text\":\"The food is so good\"}\n");

        Assert.Equal(0, exit);
        Assert.Contains("\"compound\":0.5777", stdout, StringComparison.Ordinal);
    }

    /// <summary>The CLI as built in its own project (its own dependencies beside it), same configuration as this test.</summary>
    private static string CliPath()
    {
        DirectoryInfo output = new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string configuration = output.Parent!.Name;
        for (DirectoryInfo? dir = output; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "functions.sln")))
            {
                return Path.Combine(dir.FullName, "src", "Chorus.Cli", "bin", configuration, output.Name, "Chorus.Cli.dll");
            }
        }

        throw new InvalidOperationException("Could not find the repository root above " + AppContext.BaseDirectory);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunCliAsync(string input, params (string Name, string Value)[] environment)
    {
        ProcessStartInfo start = new("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(CliPath());
        start.ArgumentList.Add("score");
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
