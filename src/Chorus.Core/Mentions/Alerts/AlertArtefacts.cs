using System.Globalization;
using Chorus.Artefacts;

namespace Chorus.Mentions.Alerts;

/// <summary>
/// The documented blob layout of an alert, under <c>alerts/{yyyy}/{MM}/{dd}/{alertId}/</c> (the day of the hour it is
/// about): <c>alert.json</c> (<see cref="AlertRecord"/>, written once, before the email) and <c>email.eml</c>, the
/// email as sent with its chart.
/// </summary>
public static class AlertArtefacts
{
    /// <summary>The alert's folder.</summary>
    public static ArtefactPath Folder(AlertRecord alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        DateTime day = alert.Hour.UtcDateTime;
        return ArtefactPath.Of("alerts", day.ToString("yyyy", CultureInfo.InvariantCulture), day.ToString("MM", CultureInfo.InvariantCulture), day.ToString("dd", CultureInfo.InvariantCulture), alert.Id);
    }

    /// <summary>The alert as decided.</summary>
    public static ArtefactPath Alert(AlertRecord alert) => Folder(alert).Child("alert.json");

    /// <summary>The email sent to the care team.</summary>
    public static ArtefactPath Email(AlertRecord alert) => Folder(alert).Child("email.eml");
}
