namespace Chorus.Posts;

/// <summary>What the policy checks look at: the text, where it goes, and the links the author declared.</summary>
public sealed record PostDraft(string Text, IReadOnlyList<Channel> Channels, IReadOnlyList<Uri> Links);
