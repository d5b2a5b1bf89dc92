using Chorus.Infrastructure.Mentions;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Mentions;

/// <summary>
/// Reads every configured source's <see cref="SourceStatus"/>: its settings, and its polling record (one small blob per
/// source, <see cref="MentionCursorStore"/>), never the mentions themselves.
/// </summary>
internal sealed class SourceStatusReader(MentionCursorStore cursors, IOptions<MentionsOptions> options, MentionSourceFactory factory)
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
            bool budgeted = factory.TryGetReadBudget(name, out MonthlyReadBudget budget);
            statuses.Add(new SourceStatus(
                name,
                source.Kind ?? string.Empty,
                source.Enabled,
                schedule,
                record?.PolledAt,
                next == DateTimeOffset.MinValue ? record?.PolledAt : next,
                record?.SavedAt,
                record?.PausedUntil,
                0,
                null,
                null,
                budgeted ? budget.Limit : null,
                budgeted ? budget.Usage.Reads : null));
        }

        return statuses;
    }
}
