using Chorus.Approvals;

namespace Chorus.Host.Dashboard.Deciding;

/// <summary>
/// What the <c>_DecideForm</c> partial shows: the stage the signed-in approver is asked to decide, the actions to choose
/// from, whether a reply box comes with Respond (and its starting text), and the outcome of a decision just sent.
/// </summary>
internal sealed record DecideForm(WaitingApproval? Asked, IReadOnlyList<string> Actions, string Noun, bool TakesReply, string? Reply, DecisionResult? Result);
