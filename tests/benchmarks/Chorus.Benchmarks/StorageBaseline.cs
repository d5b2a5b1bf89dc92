using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;

namespace Chorus.Benchmarks;

/// <summary>The raw block-blob write rate of the Azurite in use, measured in the same run as a benchmark's figures.</summary>
internal static class StorageBaseline
{
    /// <summary>3,000 uploads of 600 bytes, 32 at a time, after a warm-up.</summary>
    public static async Task<double> MeasureWritesPerSecondAsync(string connectionString, CancellationToken cancellationToken)
    {
        BlobContainerClient container = new(connectionString, "rawwrites");
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        BinaryData body = new(new byte[600]);
        for (int i = 0; i < 200; i++)
        {
            await container.GetBlobClient("warm/" + i).UploadAsync(body, overwrite: true, cancellationToken);
        }

        const int writes = 3000;
        Stopwatch clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, writes),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (i, ct) => await container.GetBlobClient("w/" + i.ToString(CultureInfo.InvariantCulture)).UploadAsync(body, overwrite: true, ct));
        return writes / clock.Elapsed.TotalSeconds;
    }
}
