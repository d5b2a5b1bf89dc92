using System.Security.Cryptography;
using System.Text.Json;

namespace Chorus.Host.LocalDevelopment;

/// <summary>
/// The keys the run command makes when none are configured: an API key and the approval-link signing key. Kept in a
/// file (owner-only) so walkthroughs and emailed links survive a restart.
/// </summary>
internal sealed record DevKeys(string? ApiKey, string? SigningKey)
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerOptions.Web) { WriteIndented = true };

    public static string NewApiKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Reads the file, or returns null when there is none yet.</summary>
    public static DevKeys? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DevKeys>(File.ReadAllText(path), JsonSerializerOptions.Web)
                ?? throw new JsonException("the file holds null");
        }
        catch (JsonException ex)
        {
            // Silently making new keys would break every link already emailed: say so and let the developer choose.
            throw new InvalidOperationException($"{path} is not a valid dev-keys file ({ex.Message}). Delete it to make new keys.", ex);
        }
    }

    /// <summary>Writes the file readable by its owner only (where the OS has such modes), replacing it whole.</summary>
    public void Save(string path)
    {
        // A new file each time, so the owner-only mode applies whatever an earlier attempt left behind.
        string temporary = path + ".tmp";
        File.Delete(temporary);
        FileStreamOptions options = new() { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (StreamWriter writer = new(temporary, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
        {
            writer.Write(JsonSerializer.Serialize(this, Indented));
        }

        File.Move(temporary, path, overwrite: true);
    }
}
