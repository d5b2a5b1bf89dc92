using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Chorus.Engine.History;
using Chorus.Orchestration;

namespace Chorus.Engine.Storage;

/// <summary>
/// Instance histories and inboxes in one Blob container. Each instance is an append blob of JSON-line records,
/// every write conditional on the ETag the writer last saw, so two processes can never interleave a history.
/// </summary>
internal sealed class InstanceStore(BlobContainerClient container)
{
    private const string StartMetadataKey = "start";

    // Blob metadata may hold 8 KB in all; base64 grows the record by a third.
    private const int MaxStartMetadataBytes = 5 * 1024;

    private static readonly JsonSerializerOptions Json = DurableJson.Options;

    public BlobContainerClient Container => container;

    public Task InitializeAsync(CancellationToken cancellationToken) => container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    /// <summary>Reads and folds an instance, or returns null when it does not exist.</summary>
    public async Task<InstanceState?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        AppendBlobClient blob = container.GetAppendBlobClient(BlobNames.Instance(instanceId));
        Response<BlobDownloadResult> download;
        try
        {
            download = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }

        InstanceState? state = null;
        long blocks = 0;
        IEnumerable<ReadOnlyMemory<byte>> lines = SplitLines(download.Value.Content.ToMemory());
        if (download.Value.Details.Metadata.TryGetValue(StartMetadataKey, out string? start))
        {
            lines = lines.Prepend(Convert.FromBase64String(start));
        }

        foreach (ReadOnlyMemory<byte> line in lines)
        {
            InstanceRecord record = JsonSerializer.Deserialize<InstanceRecord>(line.Span, Json)
                ?? throw new InvalidDataException($"Instance '{instanceId}' has an empty record.");
            state ??= new InstanceState(instanceId, record.Start ?? throw new InvalidDataException($"Instance '{instanceId}' does not begin with a start record."));
            state.Apply(record);
            blocks++;
        }

        if (state is null)
        {
            // Created but its first record not yet written (or the writer died in between): treat as absent.
            return null;
        }

        state.ETag = download.Value.Details.ETag;
        state.BlockCount = blocks;
        return state;
    }

    /// <summary>
    /// Creates an instance blob with its start record. With <paramref name="replacing"/> it overwrites that exact
    /// version (restarting a finished instance); without, it fails when the blob exists.
    /// </summary>
    /// <returns>The new ETag, or null when the blob exists (or changed) and was not replaced.</returns>
    public async Task<ETag?> CreateAsync(string instanceId, InstanceRecord start, InstanceTags tags, ETag? replacing, CancellationToken cancellationToken)
    {
        AppendBlobClient blob = container.GetAppendBlobClient(BlobNames.Instance(instanceId));
        byte[] line = Serialize(start);

        // An append blob is created empty; a small start record rides in its metadata so that creating an
        // instance costs one write, not two.
        bool inMetadata = line.Length <= MaxStartMetadataBytes;
        try
        {
            Response<BlobContentInfo> created = await blob.CreateAsync(
                new AppendBlobCreateOptions
                {
                    Tags = tags.ToDictionary(),
                    Metadata = inMetadata ? new Dictionary<string, string> { [StartMetadataKey] = Convert.ToBase64String(line.AsSpan(0, line.Length - 1)) } : null,
                    Conditions = replacing is { } etag ? new AppendBlobRequestConditions { IfMatch = etag } : new AppendBlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken).ConfigureAwait(false);
            return inMetadata ? created.Value.ETag : await AppendAsync(instanceId, start, created.Value.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Appends a record if the blob is still at <paramref name="ifMatch"/>.</summary>
    /// <returns>The new ETag, or null when someone else wrote first.</returns>
    public async Task<ETag?> AppendAsync(string instanceId, InstanceRecord record, ETag ifMatch, CancellationToken cancellationToken)
    {
        byte[] line = Serialize(record);
        AppendBlobClient blob = container.GetAppendBlobClient(BlobNames.Instance(instanceId));
        try
        {
            using MemoryStream content = new(line, writable: false);
            Response<BlobAppendInfo> appended = await blob.AppendBlockAsync(
                content,
                new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfMatch = ifMatch } },
                cancellationToken).ConfigureAwait(false);
            return appended.Value.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    public Task SetTagsAsync(string instanceId, InstanceTags tags, CancellationToken cancellationToken)
        => container.GetBlobClient(BlobNames.Instance(instanceId)).SetTagsAsync(tags.ToDictionary(), cancellationToken: cancellationToken);

    public async Task<bool> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await foreach (string inbox in ListInboxAsync(instanceId, cancellationToken).ConfigureAwait(false))
        {
            await DeleteInboxAsync(inbox, cancellationToken).ConfigureAwait(false);
        }

        Response<bool> deleted = await container.GetBlobClient(BlobNames.Instance(instanceId)).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return deleted.Value;
    }

    /// <summary>Stores a message for an instance; its blob name sorts by arrival, so events keep their order.</summary>
    public async Task WriteInboxAsync(string instanceId, InboxMessage message, CancellationToken cancellationToken)
    {
        string name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{BlobNames.InboxFolderOf(instanceId)}{message.At.Ticks:D19}-{BlobNames.Escape(message.MessageId)}");
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(message, Json);
        try
        {
            await container.GetBlobClient(name).UploadAsync(
                new BinaryData(body),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // The same message was stored before (a retried send): once is enough.
        }
    }

    public async IAsyncEnumerable<string> ListInboxAsync(string? instanceId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string prefix = instanceId is null ? BlobNames.InboxFolder : BlobNames.InboxFolderOf(instanceId);
        await foreach (BlobItem item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            yield return item.Name;
        }
    }

    public async Task<InboxMessage?> ReadInboxAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            Response<BlobDownloadResult> download = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<InboxMessage>(download.Value.Content.ToMemory().Span, Json);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public Task DeleteInboxAsync(string blobName, CancellationToken cancellationToken)
        => container.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    /// <summary>Instances whose wake time has come: due timers, delayed starts, and work a crashed owner left behind.</summary>
    public async IAsyncEnumerable<string> FindDueAsync(DateTime now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string filter = $"\"{InstanceTags.WakeTag}\" <= '{InstanceTags.Format(now)}'";
        await foreach (TaggedBlobItem item in container.FindBlobsByTagsAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            if (item.BlobName.StartsWith(BlobNames.InstancesFolder, StringComparison.Ordinal))
            {
                yield return BlobNames.InstanceIdFromInstanceBlob(item.BlobName);
            }
        }
    }

    /// <summary>Instance ids matching a query, found through index tags or a name-prefix listing, never a full scan.</summary>
    public async IAsyncEnumerable<string> QueryAsync(OrchestrationQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (query.InstanceIdPrefix is { Length: > 0 } prefix)
        {
            GetBlobsOptions options = new() { Prefix = BlobNames.InstancesFolder + BlobNames.Escape(prefix), Traits = BlobTraits.Tags };
            await foreach (BlobItem item in container.GetBlobsAsync(options, cancellationToken).ConfigureAwait(false))
            {
                if (Matches(item.Tags, query))
                {
                    yield return BlobNames.InstanceIdFromInstanceBlob(item.Name);
                }
            }

            yield break;
        }

        IEnumerable<OrchestrationRuntimeStatus?> statuses = query.Statuses is { Count: > 0 } s ? s.Select(x => (OrchestrationRuntimeStatus?)x) : [null];
        foreach (OrchestrationRuntimeStatus? status in statuses)
        {
            // Tag queries have no OR: one query per status.
            List<string> clauses = [$"\"{InstanceTags.CreatedTag}\" >= '{InstanceTags.Format(query.CreatedFrom?.UtcDateTime ?? DateTime.UnixEpoch)}'"];
            if (query.CreatedTo is { } to)
            {
                clauses.Add($"\"{InstanceTags.CreatedTag}\" <= '{InstanceTags.Format(to.UtcDateTime)}'");
            }

            if (status is { } st)
            {
                clauses.Add($"\"{InstanceTags.StatusTag}\" = '{st}'");
            }

            await foreach (TaggedBlobItem item in container.FindBlobsByTagsAsync(string.Join(" AND ", clauses), cancellationToken).ConfigureAwait(false))
            {
                if (item.BlobName.StartsWith(BlobNames.InstancesFolder, StringComparison.Ordinal))
                {
                    yield return BlobNames.InstanceIdFromInstanceBlob(item.BlobName);
                }
            }
        }
    }

    internal static byte[] Serialize(InstanceRecord record)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(record, Json);
        byte[] line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }

    private static bool Matches(IDictionary<string, string>? tags, OrchestrationQuery query)
    {
        if (tags is null)
        {
            return false;
        }

        if (query.Statuses is { Count: > 0 } statuses
            && !(tags.TryGetValue(InstanceTags.StatusTag, out string? status) && statuses.Any(s => s.ToString() == status)))
        {
            return false;
        }

        tags.TryGetValue(InstanceTags.CreatedTag, out string? created);
        created ??= string.Empty;
        return (query.CreatedFrom is not { } from || string.CompareOrdinal(created, InstanceTags.Format(from.UtcDateTime)) >= 0)
            && (query.CreatedTo is not { } to || string.CompareOrdinal(created, InstanceTags.Format(to.UtcDateTime)) <= 0);
    }

    private static IEnumerable<ReadOnlyMemory<byte>> SplitLines(ReadOnlyMemory<byte> content)
    {
        int start = 0;
        while (start < content.Length)
        {
            int end = content.Span[start..].IndexOf((byte)'\n');
            int length = end < 0 ? content.Length - start : end;
            if (length > 0)
            {
                yield return content.Slice(start, length);
            }

            start += length + 1;
        }
    }
}
