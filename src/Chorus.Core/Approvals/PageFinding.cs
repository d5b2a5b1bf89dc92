namespace Chorus.Approvals;

/// <summary>
/// One policy finding on a confirmation page. <paramref name="Severity"/> is shown as written ("Block", "Warn",
/// "Info"); those three also get a colour, the words carry the meaning on their own.
/// </summary>
public sealed record PageFinding(string Severity, string Rule, string Explanation);
