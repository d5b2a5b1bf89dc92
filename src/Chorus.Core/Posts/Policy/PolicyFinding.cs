namespace Chorus.Posts.Policy;

/// <summary>
/// One thing a policy check found. <paramref name="Explanation"/> is written for the author, in plain language, so
/// staff learn why; <paramref name="Start"/> and <paramref name="Length"/> locate the match in the text (UTF-16),
/// or are -1 and 0 when the finding is about the whole post (a missing disclosure, say).
/// </summary>
public sealed record PolicyFinding(
    string Rule,
    FindingSeverity Severity,
    string Explanation,
    int Start = -1,
    int Length = 0,
    string? Matched = null,
    string? Channel = null);
