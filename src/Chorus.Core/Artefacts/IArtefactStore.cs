namespace Chorus.Artefacts;

/// <summary>
/// Where every artefact of a post or mention is kept, written once. Paths come only from <see cref="ArtefactPath"/>,
/// which builds them from server-made ids, so nothing a caller sends decides where a blob goes.
/// </summary>
public interface IArtefactStore
{
    /// <summary>
    /// Writes an artefact unless one already exists at that path (If-None-Match: *). A retried activity finds its
    /// artefact already there and carries on.
    /// </summary>
    /// <returns>True when this call wrote it; false when it was already there.</returns>
    Task<bool> WriteOnceAsync(ArtefactPath path, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes an artefact once, with index tags (at most 10; values of letters, digits, space and <c>+-./:=_</c>) that
    /// <see cref="FindByTagsAsync"/> can query without reading every blob.
    /// </summary>
    Task<bool> WriteOnceAsync(ArtefactPath path, ReadOnlyMemory<byte> content, string contentType, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default);

    /// <summary>Finds artefacts by a tag filter (e.g. <c>"source" = 'rss' AND "day" &gt;= '2026-11-01'</c>), with their tags.</summary>
    IAsyncEnumerable<(ArtefactPath Path, IReadOnlyDictionary<string, string> Tags)> FindByTagsAsync(string filter, CancellationToken cancellationToken = default);

    /// <summary>Appends one line to an append-only JSON-lines log unless a line with <paramref name="entryId"/> is already in it.</summary>
    Task AppendLineOnceAsync(ArtefactPath log, string entryId, string jsonLine, CancellationToken cancellationToken = default);

    /// <summary>Reads an artefact, or null when there is none.</summary>
    Task<byte[]?> ReadAsync(ArtefactPath path, CancellationToken cancellationToken = default);

    /// <summary>Lists the artefacts under a folder, in name order.</summary>
    IAsyncEnumerable<ArtefactPath> ListAsync(ArtefactPath folder, CancellationToken cancellationToken = default);
}
