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
    /// Gets or sets how the list tables' names start: <c>{prefix}posts</c> and <c>{prefix}mentions</c> hold the post and
    /// mention list indexes, created on first use when missing. Unset, it is <see cref="ContainerName"/>'s letters and
    /// digits, so deployments or test hosts that keep their artefacts apart keep their lists apart too.
    /// </summary>
    public string? TablePrefix { get; set; }

    /// <summary>The name of one list's table: the prefix, then <paramref name="list"/> (<c>posts</c>, <c>mentions</c>).</summary>
    public string ListTableName(string list)
        => (string.IsNullOrWhiteSpace(TablePrefix) ? new string([.. (ContainerName ?? string.Empty).Where(char.IsAsciiLetterOrDigit)]) : TablePrefix) + list;

    /// <summary>Gets the Table service URI to use with a credential, or null when none can be told.</summary>
    public Uri? ListTableServiceUri => TableServiceUri
        ?? (BlobServiceUri is { IsAbsoluteUri: true } blob && blob.Host.Contains(".blob.", StringComparison.OrdinalIgnoreCase)
            ? new UriBuilder(blob) { Host = blob.Host.Replace(".blob.", ".table.", StringComparison.OrdinalIgnoreCase) }.Uri
            : null);
}
