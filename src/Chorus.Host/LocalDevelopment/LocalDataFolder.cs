using Chorus.LocalComponents;

namespace Chorus.Host.LocalDevelopment;

/// <summary>
/// The private, git-ignored folder where the run command keeps what must outlive it: the dev keys, Azurite's data and
/// the DataProtection keys. Deleting it starts afresh.
/// </summary>
internal sealed record LocalDataFolder(string Path)
{
    public const string DefaultName = ".chorus";

    public string DevKeysFile => System.IO.Path.Combine(Path, "dev-keys.json");

    public string AzuriteData => System.IO.Path.Combine(Path, "azurite");

    public string DataProtectionKeys => System.IO.Path.Combine(Path, "data-protection");

    /// <summary>The configured folder, else <c>.chorus</c> at the repository root (where node_modules is too), else under the content root.</summary>
    public static LocalDataFolder Resolve(LocalDevelopmentOptions options, string contentRoot)
    {
        string path = string.IsNullOrWhiteSpace(options.DataPath)
            ? System.IO.Path.Combine(NodeTools.TryRepositoryRoot ?? contentRoot, DefaultName)
            : System.IO.Path.GetFullPath(options.DataPath, contentRoot);
        return new LocalDataFolder(path);
    }

    /// <summary>Creates the folder readable by its owner only, with a .gitignore of its own so a folder put inside any clone stays out of it.</summary>
    public void Create()
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(Path);
            }
            else
            {
                Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            string ignore = System.IO.Path.Combine(Path, ".gitignore");
            if (!File.Exists(ignore))
            {
                File.WriteAllText(ignore, "# Chorus's local dev keys and data: never commit them.\n*\n");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Could not create {Path} for the dev keys and data: {ex.Message} Set {LocalDevelopmentOptions.SectionName}:DataPath to a writable folder, or {LocalDevelopmentOptions.SectionName}:Persist=false to keep nothing.",
                ex);
        }
    }
}
