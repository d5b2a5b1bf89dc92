using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Chorus.Artefacts;

namespace Chorus.Infrastructure.Artefacts;

/// <summary>
/// Artefacts in one Blob container. Every write is conditional, so a retried activity can never overwrite or
/// duplicate what an earlier attempt stored.
/// </summary>
internal sealed class BlobArtefactStore(BlobContainerClient container) : IArtefactStore
{
    /// <summary>
    /// How many read-then-append rounds one line may take. Each lost round means another writer's line went in, so
    /// this bounds the wait behind a burst of that many writers to the same log.
    /// </summary>
    internal const int MaxAppendAttempts = 64;

    private readonly Lock _containerGate = new();
    private Task? _containerReady;

    /// <inheritdoc/>
    public Task<bool> WriteOnceAsync(ArtefactPath path, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default)
        => WriteOnceAsync(path, content, contentType, null, cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<(ArtefactPath Path, IReadOnlyDictionary<string, string> Tags)> FindByTagsAsync(string filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        await foreach (TaggedBlobItem item in container.FindBlobsByTagsAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            yield return (ArtefactPath.Parse(item.BlobName), new Dictionary<string, string>(item.Tags, StringComparer.Ordinal));
        }
    }

    /// <inheritdoc/>
    public async Task<bool> WriteOnceAsync(ArtefactPath path, ReadOnlyMemory<byte> content, string contentType, IReadOnlyDictionary<string, string>? tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await container.GetBlobClient(path.Value).UploadAsync(
                new BinaryData(content),
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                    Tags = tags is null ? null : new Dictionary<string, string>(tags, StringComparer.Ordinal),
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Each round reads the log, returns if the entry is in it, and otherwise appends on the condition that the
    /// log is still the version just read. A lost race re-reads, so the check and the append act as one step;
    /// an append whose response was lost is found by the next read instead of being written twice.
    /// </remarks>
    public async Task AppendLineOnceAsync(ArtefactPath log, string entryId, string jsonLine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        byte[] line = JsonLines.Encode(entryId, jsonLine);
        AppendBlobClient blob = container.GetAppendBlobClient(log.Value);
        if (line.Length > blob.AppendBlobMaxAppendBlockBytes)
        {
            throw new ArgumentException($"The JSON line is {line.Length} bytes; one append takes at most {blob.AppendBlobMaxAppendBlockBytes}.", nameof(jsonLine));
        }

        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        for (int attempt = 1; attempt <= MaxAppendAttempts; attempt++)
        {
            ETag version;
            BlobDownloadResult? current = await TryDownloadAsync(blob, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                ETag? created = await TryCreateAsync(blob, cancellationToken).ConfigureAwait(false);
                if (created is null)
                {
                    // Another writer created it a moment ago: read theirs.
                    continue;
                }

                version = created.Value;
            }
            else
            {
                if (ContainsEntry(current, log, entryId))
                {
                    return;
                }

                version = current.Details.ETag;
            }

            if (await TryAppendAsync(blob, line, version, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            // Spread the losers of a race out, so they do not all collide again on the next version.
            int ceiling = Math.Min(5 * attempt, 100);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, ceiling + 1)), cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException(
            $"Could not append entry '{entryId}' to '{log}' in {MaxAppendAttempts} attempts: other writers kept changing it. The append is safe to retry.");
    }

    /// <inheritdoc/>
    public async Task<byte[]?> ReadAsync(ArtefactPath path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            Response<BlobDownloadResult> download = await container.GetBlobClient(path.Value).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return download.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ArtefactPath> ListAsync(ArtefactPath folder, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);

        // Blob Storage lists names in lexicographic order, which is the order promised.
        GetBlobsOptions options = new() { Prefix = folder.Value + "/" };
        await foreach (BlobItem item in container.GetBlobsAsync(options, cancellationToken).ConfigureAwait(false))
        {
            yield return ArtefactPath.Parse(item.Name);
        }
    }

    private static async Task<BlobDownloadResult?> TryDownloadAsync(AppendBlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            Response<BlobDownloadResult> download = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return download.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static bool ContainsEntry(BlobDownloadResult current, ArtefactPath log, string entryId)
    {
        try
        {
            return JsonLines.ContainsEntry(current.Content.ToMemory().Span, entryId);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"The log '{log}' is corrupt: {ex.Message}", ex);
        }
    }

    private static async Task<ETag?> TryCreateAsync(AppendBlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            Response<BlobContentInfo> created = await blob.CreateAsync(
                new AppendBlobCreateOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" },
                    Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken).ConfigureAwait(false);
            return created.Value.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    private static async Task<bool> TryAppendAsync(AppendBlobClient blob, byte[] line, ETag version, CancellationToken cancellationToken)
    {
        try
        {
            using MemoryStream content = new(line, writable: false);
            await blob.AppendBlockAsync(
                content,
                new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfMatch = version } },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            // Another writer appended (or the log went away) since the read: read again.
            return false;
        }
    }

    private Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        Task? ready = Volatile.Read(ref _containerReady);
        if (ready is null || ready.IsFaulted || ready.IsCanceled)
        {
            lock (_containerGate)
            {
                ready = _containerReady;
                if (ready is null || ready.IsFaulted || ready.IsCanceled)
                {
                    // Not the caller's token: one caller giving up must not fail everyone waiting on the same creation.
                    ready = container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
                    Volatile.Write(ref _containerReady, ready);
                }
            }
        }

        return ready.WaitAsync(cancellationToken);
    }
}
