using System.Globalization;

namespace Chorus.Approvals;

/// <summary>
/// The words for an action: the button ("Approve post") and the past tense ("approved"). Actions not listed fall back
/// to wording built from the action itself, so a new action still gets an honest, if plainer, page.
/// </summary>
internal static class ApprovalWording
{
    /// <summary>The button of a page with a reply box: what pressing it does is send the reply on.</summary>
    public const string SendReply = "Send reply for review";

    public static string Button(string subject, string action) => action switch
    {
        "respond" => $"Respond to {subject}",
        _ => $"{Capitalised(action)} {subject}",
    };

    /// <summary>Completes "You ... the {subject}".</summary>
    public static string PastTense(string action) => action switch
    {
        "approve" => "approved",
        "reject" => "rejected",
        "respond" => "chose to respond to",
        "escalate" => "escalated",
        "dismiss" => "dismissed",
        _ => $"chose \u201c{action}\u201d for",
    };

    /// <summary>Formats an instant for a page: unambiguous, in UTC, whatever the server's culture.</summary>
    public static string When(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Capitalised(string action) =>
        action.Length == 0 ? action : char.ToUpperInvariant(action[0]) + action[1..];
}
