using System.Text.Json;

namespace Chorus.Host.Durable;

/// <summary>The task hub name both hosts use: <c>extensions.durableTask.hubName</c> in the repository's host.json.</summary>
internal static class TaskHubName
{
    /// <summary>The name when host.json names none (Durable Functions' own default for a .NET isolated app is similar).</summary>
    public const string Fallback = "ChorusHub";

    /// <summary>Reads the hub name from the host.json copied next to the app, or gives <see cref="Fallback"/>.</summary>
    public static string FromHostJson(string directory)
    {
        string path = Path.Combine(directory, "host.json");
        if (!File.Exists(path))
        {
            return Fallback;
        }

        using FileStream file = File.OpenRead(path);
        using JsonDocument host = JsonDocument.Parse(file, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return host.RootElement.TryGetProperty("extensions", out JsonElement extensions)
            && extensions.TryGetProperty("durableTask", out JsonElement durable)
            && durable.TryGetProperty("hubName", out JsonElement hub)
            && hub.GetString() is { Length: > 0 } name
                ? name
                : Fallback;
    }
}
