using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Chorus.Infrastructure.Artefacts;
using Chorus.Infrastructure.Mentions;

namespace Chorus.Host.Mentions;

/// <summary>
/// Each source's polling record, at <c>cursors/{source}.json</c> in the artefact container: its cursor, which the
/// monitor saves only after every mention up to it was handed over (so a crash in between re-delivers and never skips),
/// and when it was last polled, which decides when it is due again. Kept in storage rather than in memory because on
/// Azure every poll may run on a different instance.
/// </summary>
internal sealed class MentionCursorStore(ArtefactContainer container)
{
    private BlobClient Blob(string source) => container.Client.GetBlobClient($"cursors/{source}.json");

    /// <summary>Reads the source's record; null when it was never polled.</summary>
    public async Task<MentionCursor?> ReadAsync(string source, CancellationToken cancellationToken)
    {
        try
        {
            BlobDownloadResult result = (await Blob(source).DownloadContentAsync(cancellationToken)).Value;
            return result.Content.ToObjectFromJson<MentionCursor>();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task SaveAsync(string source, MentionCursor record, CancellationToken cancellationToken)
    {
        await container.Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Blob(source).UploadAsync(BinaryData.FromObjectAsJson(record), overwrite: true, cancellationToken);
    }
}

/// <summary>
/// One source's polling record. <paramref name="SavedAt"/> is when <paramref name="Cursor"/> last moved;
/// <paramref name="PolledAt"/> is the time of the last poll that was due (successful or not); a source that asked for a
/// pause (429, Retry-After) is not polled before <paramref name="PausedUntil"/>. <paramref name="ConsecutiveFailures"/>
/// counts the polls in a row that failed (back to 0 after one that did not), <paramref name="LastError"/> says why the
/// last of them failed (see <see cref="PollError"/>; null again after a success) and <paramref name="LastFailedAt"/>
/// when a poll last failed (kept after a success, as history). <paramref name="ReadBudget"/> is a paid source's (X)
/// monthly read count as of its last poll, restored into the count in memory when a host starts polling it. Records
/// written before a field existed read it as null (or 0): such a source is due at once and has not failed.
/// </summary>
internal sealed record MentionCursor(
    string? Cursor,
    DateTimeOffset? SavedAt,
    DateTimeOffset? PolledAt = null,
    DateTimeOffset? PausedUntil = null,
    int ConsecutiveFailures = 0,
    string? LastError = null,
    DateTimeOffset? LastFailedAt = null,
    ReadBudgetUsage? ReadBudget = null);
