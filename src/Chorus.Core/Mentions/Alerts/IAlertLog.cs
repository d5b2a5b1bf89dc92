namespace Chorus.Mentions.Alerts;

/// <summary>
/// The alerts raised, newest first: the read model behind <c>GET /api/alerts</c>, and the record of which alerts are
/// still to be mailed. An alert is added once (its id is one per series and hour) before its email is sent, and marked
/// sent after, so an alert whose sender died is finished by the next evaluation.
/// </summary>
public interface IAlertLog
{
    /// <summary>Adds an alert as pending; false, with the one already there, when the series' hour has an alert.</summary>
    Task<(bool Added, AlertLogEntry Entry)> TryAddAsync(AlertRecord alert, CancellationToken cancellationToken);

    /// <summary>Marks an alert as mailed.</summary>
    Task MarkSentAsync(AlertRecord alert, DateTimeOffset sentAt, CancellationToken cancellationToken);

    /// <summary>The alerts not yet marked as mailed.</summary>
    Task<IReadOnlyList<AlertRecord>> PendingAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="take"/> alerts, newest hour first, after the alert of <paramref name="after"/> if given, and whether more follow.</summary>
    Task<(IReadOnlyList<AlertLogEntry> Alerts, bool More)> PageAsync((DateTimeOffset Hour, string Id)? after, int take, CancellationToken cancellationToken);

    /// <summary>Reads one alert by its series and hour, or null.</summary>
    Task<AlertLogEntry?> FindAsync(AlertSeries series, DateTimeOffset hour, CancellationToken cancellationToken);
}

/// <summary>An alert as listed: the alert, and when its email was sent (null while pending).</summary>
public sealed record AlertLogEntry(AlertRecord Alert, DateTimeOffset? SentAt);
