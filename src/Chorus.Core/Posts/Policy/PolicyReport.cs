namespace Chorus.Posts.Policy;

/// <summary>
/// What the policy checks found in one post, most severe first and then in text order (findings about the whole
/// post before those with a span).
/// </summary>
public sealed record PolicyReport(IReadOnlyList<PolicyFinding> Findings)
{
    /// <summary>Gets the most severe finding's severity, or null when nothing was found.</summary>
    public FindingSeverity? HighestSeverity => Findings.Count == 0 ? null : Findings.Max(finding => finding.Severity);

    /// <summary>Gets a value indicating whether any finding blocks the post.</summary>
    public bool HasBlock => Findings.Any(finding => finding.Severity == FindingSeverity.Block);

    /// <summary>Gets a value indicating whether any finding asks for a human approver.</summary>
    public bool NeedsReview => Findings.Any(finding => finding.Severity == FindingSeverity.Warn);
}
