using System.Text.Json;

namespace Chorus.Host.Tests;

/// <summary>The terms Chorus is used under, and the notices for what it bundles and installs, stay complete.</summary>
public sealed class LicenceTests
{
    private static readonly string Root = Chorus.LocalComponents.NodeTools.RepositoryRoot;

    [Fact]
    public void The_repository_is_MIT_licensed()
        => Assert.StartsWith("MIT License", File.ReadAllText(Path.Combine(Root, "LICENSE")), StringComparison.Ordinal);

    [Fact]
    public void The_notices_name_every_npm_package_the_lock_file_installs_and_the_bundled_lexicons()
    {
        string notices = File.ReadAllText(Path.Combine(Root, "THIRD-PARTY-NOTICES.md"));
        using JsonDocument lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "package-lock.json")));
        List<string> missing = [];
        foreach (JsonProperty package in lockFile.RootElement.GetProperty("packages").EnumerateObject().Where(p => p.Name.Length > 0))
        {
            string name = package.Name[(package.Name.LastIndexOf("node_modules/", StringComparison.Ordinal) + "node_modules/".Length)..];
            string version = package.Value.GetProperty("version").GetString()!;
            if (!notices.Contains($"| {name} | {version} |", StringComparison.Ordinal))
            {
                missing.Add($"{name}@{version}");
            }
        }

        Assert.True(missing.Count == 0, $"THIRD-PARTY-NOTICES.md lacks {string.Join(", ", missing)}: run node src/Chorus.LocalComponents/Notices/write-third-party-notices.js after npm ci.");
        Assert.Contains("vader_lexicon.txt", notices, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Root, "src", "Chorus.Sentiment", "Vader", "Data", "LICENSE-vaderSentiment.txt")));
    }
}
