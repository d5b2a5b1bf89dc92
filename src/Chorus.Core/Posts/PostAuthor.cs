namespace Chorus.Posts;

/// <summary>The staff member who wants to post.</summary>
public sealed record PostAuthor(string Email, string DisplayName, string Team);
