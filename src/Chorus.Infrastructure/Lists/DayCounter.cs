using Azure.Data.Tables;

namespace Chorus.Infrastructure.Lists;

/// <summary>
/// One day's counter row as read, and the changes to make to it. In a transaction it is added when it was not there and
/// otherwise replaced on the condition that nobody changed it since it was read, so two writers can never lose a count.
/// </summary>
internal sealed class DayCounter(string partition, string rowKey, TableEntity? stored)
{
    private readonly Dictionary<string, long> _changes = new(StringComparer.Ordinal);

    public string RowKey => rowKey;

    public bool Changed => _changes.Values.Any(change => change != 0);

    public void Add(string counted, long change) => _changes[counted] = _changes.GetValueOrDefault(counted) + change;

    public TableTransactionAction ToAction()
    {
        TableEntity row = new(partition, rowKey);
        if (stored is not null)
        {
            foreach ((string name, object value) in stored)
            {
                if (value is long or int)
                {
                    row[name] = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        foreach ((string name, long change) in _changes)
        {
            row[name] = (row.GetInt64(name) ?? 0) + change;
        }

        return stored is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, stored.ETag);
    }
}
