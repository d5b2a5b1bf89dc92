namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// Counts the posts a paid source (X) has returned this calendar month (UTC) against a limit, so polling stops before
/// the bill grows. The count lives in memory; persist <see cref="Usage"/> and hand it back to <see cref="Restore"/> to
/// carry it across restarts.
/// </summary>
public sealed class MonthlyReadBudget
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private (int Year, int Month) _month;
    private long _reads;

    internal MonthlyReadBudget(long limit, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
        _timeProvider = timeProvider;
        _month = CurrentMonth();
    }

    /// <summary>Gets how many posts may be read per month.</summary>
    public long Limit { get; }

    /// <summary>Gets this month's count so far.</summary>
    public ReadBudgetUsage Usage
    {
        get
        {
            lock (_gate)
            {
                RollOver();
                return new ReadBudgetUsage(_month.Year, _month.Month, _reads);
            }
        }
    }

    /// <summary>Gets how many posts may still be read this month.</summary>
    public long Remaining => Math.Max(0, Limit - Usage.Reads);

    /// <summary>
    /// Takes a persisted count back. A count for another month is ignored (the budget starts afresh each month); for this
    /// month the larger of the two counts is kept, so restoring twice does not double-count.
    /// </summary>
    public void Restore(ReadBudgetUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        lock (_gate)
        {
            RollOver();
            if ((usage.Year, usage.Month) == _month)
            {
                _reads = Math.Max(_reads, usage.Reads);
            }
        }
    }

    /// <summary>Counts posts a response returned; they are billed whether or not they were new.</summary>
    internal void Record(int reads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reads);
        lock (_gate)
        {
            RollOver();
            _reads += reads;
        }
    }

    /// <summary>Gets the time until the budget starts afresh.</summary>
    internal TimeSpan UntilNextMonth()
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        DateTimeOffset next = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        return next - now;
    }

    private void RollOver()
    {
        (int Year, int Month) current = CurrentMonth();
        if (current != _month)
        {
            _month = current;
            _reads = 0;
        }
    }

    private (int Year, int Month) CurrentMonth()
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        return (now.Year, now.Month);
    }
}
