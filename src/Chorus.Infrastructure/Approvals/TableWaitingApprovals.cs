using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Chorus.Approvals;
using Chorus.Infrastructure.Lists;

namespace Chorus.Infrastructure.Approvals;

/// <summary>
/// The waiting approvals in Table storage, one partition <c>waiting</c> with one row per item, stage and approver, keyed
/// <c>{subject}|{item id}|{stage, 4 digits}|{approver, lower-cased}</c>, each part escaped (<see cref="Escape"/>) so
/// that no id or address can put a character the keys forbid, or a <c>|</c>, into it. Properties: <c>Subject</c>,
/// <c>ItemId</c>, <c>Summary</c>, <c>Stage</c>, <c>StageName</c>, <c>ExpiresAt</c>, <c>Approver</c>,
/// <c>RequestedAt</c>. An item's rows are one key range, so each change reads them in one query and writes them in one
/// entity-group transaction; the table holds only what waits now, so the dashboard reads it whole.
/// </summary>
internal sealed class TableWaitingApprovals(TableClient table, TimeProvider time) : IWaitingApprovals
{
    /// <summary>Keeps the summary short: it is a line to show, and keeps a row well under the 1 MiB a row may hold.</summary>
    internal const int MaxSummary = 280;

    private const string Partition = "waiting";
    private const int MaxAttempts = 20;
    private const int ActionsPerTransaction = 100;

    private readonly TableCreation _creation = new(table);

    /// <inheritdoc/>
    public async Task WaitAsync(ApprovalItem item, ApprovalStage stage, IReadOnlyList<string> approvers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(approvers);
        string summary = item.Summary.Length > MaxSummary ? item.Summary[..MaxSummary] : item.Summary;
        await ChangeAsync(
            item.Subject,
            item.ItemId,
            rows =>
            {
                Dictionary<string, TableEntity> existing = rows.ToDictionary(r => r.RowKey, StringComparer.Ordinal);
                DateTimeOffset now = time.GetUtcNow();
                List<TableTransactionAction> actions = [];
                HashSet<string> keys = new(StringComparer.Ordinal);
                foreach (string approver in approvers.Where(a => !string.IsNullOrWhiteSpace(a)))
                {
                    string key = Key(item.Subject, item.ItemId, stage.Number, approver);
                    if (!keys.Add(key))
                    {
                        continue;
                    }

                    // Asked again (a retry, a reminder, an escalation that keeps the first approvers): the first time stays.
                    DateTimeOffset requestedAt = existing.TryGetValue(key, out TableEntity? row) ? row.GetDateTimeOffset("RequestedAt") ?? now : now;
                    TableEntity entity = new(Partition, key)
                    {
                        ["Subject"] = item.Subject,
                        ["ItemId"] = item.ItemId,
                        ["Summary"] = summary,
                        ["Stage"] = stage.Number,
                        ["StageName"] = stage.Name,
                        ["ExpiresAt"] = stage.ExpiresAt,
                        ["Approver"] = approver,
                        ["RequestedAt"] = requestedAt,
                    };
                    actions.Add(row is null
                        ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, row.ETag));
                }

                // Only one stage waits at a time: the item's rows of other stages go in the same write.
                actions.AddRange(rows.Where(r => r.GetInt32("Stage") != stage.Number).Select(Delete));
                return actions;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task AnsweredAsync(string subject, string itemId, string approver, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approver);
        string answered = Escape(approver.ToLowerInvariant());
        return ChangeAsync(subject, itemId, rows => [.. rows.Where(r => r.RowKey.EndsWith("|" + answered, StringComparison.Ordinal)).Select(Delete)], cancellationToken);
    }

    /// <inheritdoc/>
    public Task ClosedAsync(string subject, string itemId, CancellationToken cancellationToken = default)
        => ChangeAsync(subject, itemId, rows => [.. rows.Select(Delete)], cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<WaitingApproval>> ListAsync(CancellationToken cancellationToken = default)
        => ReadAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<WaitingApproval>> ListAsync(string subject, string itemId, CancellationToken cancellationToken = default)
        => ReadAsync(ItemFilter(subject, itemId), cancellationToken);

    /// <summary>
    /// A key part with every character a table key forbids (<c>/ \ # ?</c>, control characters), the key's separator
    /// <c>|</c> and anything else outside the URI's unreserved ones escaped as <c>!XX</c> (UTF-8 bytes), so that parts
    /// never run into each other and one part's escaped form is never a prefix of another's.
    /// </summary>
    internal static string Escape(string part) => Uri.EscapeDataString(part).Replace('%', '!');

    private static string ItemPrefix(string subject, string itemId) => Escape(subject) + "|" + Escape(itemId) + "|";

    private static string Key(string subject, string itemId, int stage, string approver)
        => ItemPrefix(subject, itemId) + stage.ToString("D4", CultureInfo.InvariantCulture) + "|" + Escape(approver.ToLowerInvariant());

    /// <summary>The one key range that holds an item's rows.</summary>
    private static string ItemFilter(string subject, string itemId)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(itemId);
        string prefix = ItemPrefix(subject, itemId);

        // '|' + 1: the first key after every key that starts with the prefix.
        return TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");
    }

    private static TableTransactionAction Delete(TableEntity row) => new(TableTransactionActionType.Delete, new TableEntity(Partition, row.RowKey), row.ETag);

    /// <summary>The rows a filter finds, oldest request first.</summary>
    private async Task<IReadOnlyList<WaitingApproval>> ReadAsync(string filter, CancellationToken cancellationToken)
    {
        await _creation.EnsureAsync(cancellationToken).ConfigureAwait(false);
        List<WaitingApproval> waiting = [];
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            waiting.Add(new WaitingApproval(
                new ApprovalItem(row.GetString("Subject") ?? string.Empty, row.GetString("ItemId") ?? string.Empty, row.GetString("Summary") ?? string.Empty),
                new ApprovalStage(row.GetInt32("Stage") ?? 0, row.GetString("StageName") ?? string.Empty, row.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue),
                row.GetString("Approver") ?? string.Empty,
                row.GetDateTimeOffset("RequestedAt") ?? DateTimeOffset.MinValue));
        }

        return [.. waiting.OrderBy(w => w.RequestedAt).ThenBy(w => w.Item.Subject, StringComparer.Ordinal).ThenBy(w => w.Item.ItemId, StringComparer.Ordinal).ThenBy(w => w.Approver, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Reads an item's rows, works out the writes and submits them, each transaction conditional on the rows as read; when
    /// another writer changed them in between, reads again and works the writes out anew.
    /// </summary>
    private async Task ChangeAsync(string subject, string itemId, Func<List<TableEntity>, List<TableTransactionAction>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(itemId);
        await _creation.EnsureAsync(cancellationToken).ConfigureAwait(false);
        string filter = ItemFilter(subject, itemId);
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            List<TableEntity> rows = [];
            await foreach (TableEntity row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
            }

            List<TableTransactionAction> actions = change(rows);
            try
            {
                foreach (TableTransactionAction[] chunk in actions.Chunk(ActionsPerTransaction))
                {
                    await table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                await ListTable.BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException($"Could not update the waiting approvals of {subject} '{itemId}' in {MaxAttempts} attempts: other writers kept changing them. It is safe to retry.");
    }
}
