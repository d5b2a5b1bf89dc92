using Azure.Data.Tables;

namespace Chorus.Infrastructure.Lists;

/// <summary>A page's rows as read from one index, whether more follow, and how many the index holds for the filters.</summary>
internal sealed record ListPageRows(List<TableEntity> Rows, bool More, long Total);
