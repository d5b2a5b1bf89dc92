using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Chorus.Approvals;

namespace Chorus.Infrastructure.Approvals;

/// <summary>
/// The approval ledger in a Blob container: one blob per used slot, created with If-None-Match: *, so the storage
/// service decides atomically which of two simultaneous clicks (or two browsers, or a retried POST) came first. The
/// container is created on first use if it is missing.
/// </summary>
public sealed class BlobApprovalLedger : IApprovalLedger
{
    private readonly BlobContainerClient _container;

    /// <summary>Creates a ledger over <paramref name="container"/>.</summary>
    public BlobApprovalLedger(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
    }

    /// <inheritdoc/>
    public async Task<bool> TryConsumeAsync(ApprovalTokenClaims claims, ApprovalDecisionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(record);
        if (!record.IsFor(claims))
        {
            throw new ArgumentException("The decision record is for a different slot (subject, instance, stage or approver) than the claims.", nameof(record));
        }

        BlobClient blob = _container.GetBlobClient(ApprovalBlobName.For(claims));
        BinaryData content = new(JsonSerializer.SerializeToUtf8Bytes(record, ApprovalLedgerJsonContext.Default.ApprovalDecisionRecord));
        try
        {
            return await CreateAsync(blob, content, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return await CreateAsync(blob, content, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task<ApprovalDecisionRecord?> GetAsync(ApprovalTokenClaims claims, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claims);
        BlobClient blob = _container.GetBlobClient(ApprovalBlobName.For(claims));
        try
        {
            BlobDownloadResult result = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return result.Content.ToObjectFromJson(ApprovalLedgerJsonContext.Default.ApprovalDecisionRecord);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static async Task<bool> CreateAsync(BlobClient blob, BinaryData content, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(
                content,
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // The slot is taken: BlobAlreadyExists (409), or 412 when a concurrent create won the condition.
            return false;
        }
    }
}
