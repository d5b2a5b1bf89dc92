namespace Chorus.Posts.Policy;

/// <summary>Where a configured term was found in the post, and the term as it was configured.</summary>
internal readonly record struct TermMatch(TextRange Range, string Term);
