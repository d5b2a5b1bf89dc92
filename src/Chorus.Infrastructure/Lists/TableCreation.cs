using Azure.Data.Tables;

namespace Chorus.Infrastructure.Lists;

/// <summary>Creates a table on first use, once for all callers, and again after a failed attempt.</summary>
internal sealed class TableCreation(TableClient table)
{
    private readonly Lock _gate = new();
    private Task? _ready;

    /// <summary>Waits until the table exists.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        Task? ready = Volatile.Read(ref _ready);
        if (ready is null || ready.IsFaulted || ready.IsCanceled)
        {
            lock (_gate)
            {
                ready = _ready;
                if (ready is null || ready.IsFaulted || ready.IsCanceled)
                {
                    // Not the caller's token: one caller giving up must not fail everyone waiting on the same creation.
                    ready = table.CreateIfNotExistsAsync(CancellationToken.None);
                    Volatile.Write(ref _ready, ready);
                }
            }
        }

        return ready.WaitAsync(cancellationToken);
    }
}
