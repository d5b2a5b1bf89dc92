namespace Chorus.Approvals;

/// <summary>
/// What a confirmation page shows, for a post or a mention alike. <paramref name="Title"/> heads the page ("Approve
/// this post?"); <paramref name="Subject"/> and <paramref name="Action"/> come from the verified token and name the
/// button ("Approve post"); <paramref name="Approver"/> is shown so someone opening a forwarded email sees the link is
/// not theirs; <paramref name="ItemText"/> is the post or mention, line breaks kept; <paramref name="ItemUrl"/> is
/// linked only when it is http(s); <paramref name="LinkExpiresAt"/>, when given, tells the approver how long the
/// link works; <paramref name="Composer"/>, when given, adds a reply box whose text the form sends as <c>reply</c>.
/// </summary>
public sealed record ApprovalPageModel(
    string Title,
    string Subject,
    string Action,
    string Approver,
    string ItemText,
    IReadOnlyList<PageFact> Facts,
    IReadOnlyList<PageFinding> Findings,
    Uri? ItemUrl = null,
    DateTimeOffset? LinkExpiresAt = null,
    ReplyComposer? Composer = null);
