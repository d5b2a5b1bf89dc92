using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>The recorded-shape responses in <c>Mentions/Payloads</c>, read from the source tree (they are not copied to the output).</summary>
internal static class Payloads
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory(), name), Encoding.UTF8);

    public static JsonNode Json(string name) => JsonNode.Parse(Read(name)) ?? throw new InvalidDataException($"{name} is null.");

    private static string Directory([CallerFilePath] string sourceFile = "")
    {
        string beside = Path.Combine(Path.GetDirectoryName(sourceFile) ?? string.Empty, "Payloads");
        if (System.IO.Directory.Exists(beside))
        {
            return beside;
        }

        // Builds with a mapped source path: walk up from the output folder to the test project instead.
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "Mentions", "Payloads");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"Mentions/Payloads not found beside {sourceFile} or above {AppContext.BaseDirectory}.");
    }
}
