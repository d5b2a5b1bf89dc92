namespace Chorus.Approvals;

/// <summary>
/// What waits for a decision: its <paramref name="Subject"/> as approval tokens name it (<c>post</c>, <c>mention</c>),
/// its id (a post's id; a mention's <c>{source}/{mentionId}</c>), and a line to show for it (the text's start).
/// </summary>
public sealed record ApprovalItem(string Subject, string ItemId, string Summary);
