namespace Chorus.Infrastructure.Artefacts;

/// <summary>Where artefacts are stored, bound from the <c>Artefacts</c> configuration section.</summary>
public sealed class ArtefactStorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Artefacts";

    /// <summary>The container used when none is configured.</summary>
    public const string DefaultContainerName = "chorus-artefacts";

    /// <summary>Gets or sets a Blob Storage connection string (Azurite locally). Set this or <see cref="BlobServiceUri"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the Blob service URI, used with <c>DefaultAzureCredential</c> (a managed identity on Azure).</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Gets or sets the container that holds every artefact; it is created on first use when missing.</summary>
    public string ContainerName { get; set; } = DefaultContainerName;
}
