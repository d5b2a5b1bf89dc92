namespace Chorus.Approvals;

/// <summary>
/// The reply box a mention's Respond page carries. <paramref name="Channel"/> completes its label "Your reply ..." with
/// where the reply goes ("on Mastodon", or "to post by hand" where Chorus cannot post); <paramref name="Text"/> is what the box holds (the
/// author's handle on first view, what the responder typed when the page comes back with <paramref name="Error"/>);
/// <paramref name="MaxLength"/> is the longest reply accepted; <paramref name="Comment"/> is the comment box's text,
/// kept when the page comes back.
/// </summary>
public sealed record ReplyComposer(string Channel, string Text, int MaxLength, string? Error = null, string? Comment = null);
