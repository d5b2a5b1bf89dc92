namespace Chorus.Host.LocalDevelopment;

/// <summary>How the run command keeps what its embedded defaults make (section <c>LocalDevelopment</c>).</summary>
internal sealed class LocalDevelopmentOptions
{
    public const string SectionName = "LocalDevelopment";

    /// <summary>
    /// Gets or sets whether the dev keys, Azurite's data and the DataProtection keys are kept in <see cref="DataPath"/>,
    /// so a restart finds pending approvals and its emailed links still work (default). False keeps everything in
    /// memory with keys random for the run: what tests and throwaway runs want.
    /// </summary>
    public bool Persist { get; set; } = true;

    /// <summary>
    /// Gets or sets the folder for what is kept; relative to the content root. Default: <c>.chorus</c> at the
    /// repository root (git-ignored), or under the content root when the host runs outside a clone.
    /// </summary>
    public string? DataPath { get; set; }

    /// <summary>Reads the section before the host is built (the embedded defaults decide what the host is given).</summary>
    public static LocalDevelopmentOptions From(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(SectionName).Get<LocalDevelopmentOptions>() ?? new LocalDevelopmentOptions();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{SectionName}: {ex.Message} ({SectionName}:Persist is true or false; {SectionName}:DataPath a folder).", ex);
        }
    }
}
