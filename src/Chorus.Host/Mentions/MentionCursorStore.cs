using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Chorus.Infrastructure.Artefacts;

namespace Chorus.Host.Mentions;

/// <summary>
/// Each source's polling cursor, at <c>cursors/{source}.json</c> in the artefact container. The monitor saves it only
/// after every mention up to it was handed over, so a crash in between re-delivers and never skips.
/// </summary>
internal sealed class MentionCursorStore(ArtefactContainer container)
{
    private BlobClient Blob(string source) => container.Client.GetBlobClient($"cursors/{source}.json");

    public async Task<string?> ReadAsync(string source, CancellationToken cancellationToken)
    {
        try
        {
            BlobDownloadResult result = (await container.Client.GetBlobClient($"cursors/{source}.json").DownloadContentAsync(cancellationToken)).Value;
            return result.Content.ToObjectFromJson<CursorRecord>()?.Cursor;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task SaveAsync(string source, string? cursor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await container.Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Blob(source).UploadAsync(BinaryData.FromObjectAsJson(new CursorRecord(cursor, at)), overwrite: true, cancellationToken);
    }

    private sealed record CursorRecord(string? Cursor, DateTimeOffset SavedAt);
}
