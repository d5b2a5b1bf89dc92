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

    /// <summary>
    /// Gets or sets the same account's Table service URI, used with <c>DefaultAzureCredential</c> for the list indexes.
    /// Unset, it is the Blob service URI with <c>.blob.</c> read as <c>.table.</c>, as Azure names an account's endpoints.
    /// </summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>
    /// Gets or sets the table that holds the post and mention list indexes; it is created on first use when missing.
    /// Unset, it is named after <see cref="ContainerName"/> (letters and digits only, then <c>lists</c>), so deployments
    /// or test hosts that keep their artefacts apart keep their lists apart too.
    /// </summary>
    public string? TableName { get; set; }

    /// <summary>Gets the list table's name: <see cref="TableName"/>, or the one made from the container's name.</summary>
    public string ListTableName => string.IsNullOrWhiteSpace(TableName) ? new string([.. ContainerName.Where(char.IsAsciiLetterOrDigit)]) + "lists" : TableName;

    /// <summary>Gets the Table service URI to use with a credential, or null when none can be told.</summary>
    public Uri? ListTableServiceUri => TableServiceUri
        ?? (BlobServiceUri is { IsAbsoluteUri: true } blob && blob.Host.Contains(".blob.", StringComparison.OrdinalIgnoreCase)
            ? new UriBuilder(blob) { Host = blob.Host.Replace(".blob.", ".table.", StringComparison.OrdinalIgnoreCase) }.Uri
            : null);
}
