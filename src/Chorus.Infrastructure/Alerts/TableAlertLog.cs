using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Chorus.Durable;
using Chorus.Infrastructure.Lists;
using Chorus.Mentions.Alerts;

namespace Chorus.Infrastructure.Alerts;

/// <summary>
/// The alert log in one table partition (<c>alerts</c>), a row per alert keyed <c>{reversed hour ticks}|{alert id}</c>:
/// newest hour first, so a page is one range read, and one key per series and hour, so adding an alert twice fails
/// on the key. A row holds the alert as JSON (a few KB with its examples), its status (<c>pending</c>, <c>sent</c>)
/// and when it was mailed.
/// </summary>
internal sealed class TableAlertLog(TableClient table) : IAlertLog
{
    private const string Partition = "alerts";
    private const string Pending = "pending";
    private const string Sent = "sent";

    private readonly TableCreation _creation = new(table);

    /// <inheritdoc/>
    public async Task<(bool Added, AlertLogEntry Entry)> TryAddAsync(AlertRecord alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await _creation.EnsureAsync(cancellationToken).ConfigureAwait(false);
        TableEntity row = new(Partition, Key(alert.Hour, alert.Id))
        {
            ["Alert"] = JsonSerializer.Serialize(alert, DurableJson.Options),
            ["Status"] = Pending,
        };
        try
        {
            await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return (true, new AlertLogEntry(alert, null));
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            AlertLogEntry existing = await FindAsync(alert.Hour, alert.Id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The alert {alert.Id} was there and then gone.", ex);
            return (false, existing);
        }
    }

    /// <inheritdoc/>
    public async Task MarkSentAsync(AlertRecord alert, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await _creation.EnsureAsync(cancellationToken).ConfigureAwait(false);
        TableEntity change = new(Partition, Key(alert.Hour, alert.Id)) { ["Status"] = Sent, ["SentAt"] = sentAt };
        await table.UpdateEntityAsync(change, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AlertRecord>> PendingAsync(CancellationToken cancellationToken)
    {
        await _creation.EnsureAsync(cancellationToken).ConfigureAwait(false);
        List<AlertRecord> pending = [];
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Status eq {Pending}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            pending.Add(EntryOf(row).Alert);
        }

        return pending;
    }

    /// <inheritdoc/>
    public async Task<(IReadOnlyList<AlertLogEntry> Alerts, bool More)> PageAsync((DateTimeOffset Hour, string Id)? after, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        await _creation.EnsureAsync(cancellationToken).ConfigureAwait(false);
        string filter = after is { } position
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {Key(position.Hour, position.Id)}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        List<AlertLogEntry> alerts = new(take);
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(filter, maxPerPage: take + 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // One row more than asked for tells whether there is a next page.
            if (alerts.Count == take)
            {
                return (alerts, true);
            }

            alerts.Add(EntryOf(row));
        }

        return (alerts, false);
    }

    /// <inheritdoc/>
    public Task<AlertLogEntry?> FindAsync(AlertSeries series, DateTimeOffset hour, CancellationToken cancellationToken)
        => FindAsync(hour, AlertRecord.IdOf(series, hour), cancellationToken);

    private async Task<AlertLogEntry?> FindAsync(DateTimeOffset hour, string id, CancellationToken cancellationToken)
    {
        await _creation.EnsureAsync(cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Key(hour, id), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } found ? EntryOf(found) : null;
    }

    private static string Key(DateTimeOffset hour, string id)
        => (DateTimeOffset.MaxValue.UtcTicks - hour.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + id;

    private static AlertLogEntry EntryOf(TableEntity row)
        => new(JsonSerializer.Deserialize<AlertRecord>(row.GetString("Alert"), DurableJson.Options)!, row.GetString("Status") == Sent ? row.GetDateTimeOffset("SentAt") : null);
}
