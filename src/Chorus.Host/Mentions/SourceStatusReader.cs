using Chorus.Infrastructure.Mentions;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Mentions;

/// <summary>
/// Reads every configured source's <see cref="SourceStatus"/>: its settings, and its polling record (one small blob per
/// source, <see cref="MentionCursorStore"/>: failures in a row, the last error, the saved read count), never the
/// mentions themselves.
/// </summary>
internal sealed class SourceStatusReader(MentionCursorStore cursors, IOptions<MentionsOptions> options, MentionSourceFactory factory, TimeProvider time)
{
    /// <summary>Every configured source, enabled or not, by name.</summary>
    public async Task<IReadOnlyList<SourceStatus>> ReadAsync(CancellationToken cancellationToken)
    {
        List<SourceStatus> statuses = [];
        foreach ((string name, MentionSourceOptions source) in options.Value.Sources.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            string schedule = string.IsNullOrWhiteSpace(source.Schedule) ? MentionMonitor.DefaultSchedule : source.Schedule;
            MentionCursor? record = await cursors.ReadAsync(name, cancellationToken);
            DateTimeOffset? next = source.Enabled ? MentionMonitor.DueAt(MentionMonitor.ParseSchedule(schedule), record) : null;
            (long? limit, long? reads) = Budget(name, source, record);
            statuses.Add(new SourceStatus(
                name,
                source.Kind ?? string.Empty,
                source.Enabled,
                schedule,
                record?.PolledAt,
                next == DateTimeOffset.MinValue ? record?.PolledAt : next,
                record?.SavedAt,
                record?.PausedUntil,
                record?.ConsecutiveFailures ?? 0,
                record?.LastError,
                record?.LastFailedAt,
                limit,
                reads));
        }

        return statuses;
    }

    /// <summary>
    /// A paid source's (X) limit and this month's reads: the larger of the count in memory and the one saved with the last
    /// poll (another instance, or this one before a restart, may have read more than this one counted since it started;
    /// before this host first polls the source, only the saved one exists).
    /// </summary>
    private (long? Limit, long? Reads) Budget(string name, MentionSourceOptions source, MentionCursor? record)
    {
        ReadBudgetUsage? saved = record?.ReadBudget;
        if (factory.TryGetReadBudget(name, out MonthlyReadBudget budget))
        {
            ReadBudgetUsage counted = budget.Usage;
            return (budget.Limit, saved is not null && (saved.Year, saved.Month) == (counted.Year, counted.Month) ? Math.Max(counted.Reads, saved.Reads) : counted.Reads);
        }

        // Not polled by this host yet (its connector, which holds the budget, is built with the first poll).
        if (!string.Equals(source.Kind, "X", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        DateTimeOffset now = time.GetUtcNow();
        return (source.MonthlyReadBudget, saved is not null && (saved.Year, saved.Month) == (now.Year, now.Month) ? saved.Reads : 0);
    }
}
