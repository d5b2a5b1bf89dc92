using Chorus.Approvals;
using Chorus.Artefacts;
using Chorus.Host.Dashboard.Deciding;
using Chorus.Host.Mentions;
using Chorus.Mentions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.DurableTask.Client;

namespace Chorus.Host.Dashboard.Mentions;

/// <summary>
/// One mention: text, author, reach, score, the classification's reasons, the timeline, and the reply with its outcome,
/// read by the same code as <c>GET /api/mentions/{source}/{mentionId}</c> (<see cref="MentionView.ReadAsync"/>); and,
/// for a team member it waits on, the form with the team's actions (Respond with a reply box, Escalate, Dismiss).
/// </summary>
internal sealed class MentionModel(IArtefactStore artefacts, DurableTaskClient orchestrations, DashboardDecisions decisions) : PageModel
{
    private const string DecidedKey = "decided";

    public MentionView? Mention { get; private set; }

    public DecideForm Decide { get; private set; } = new(null, [], "mention", false, null, null);

    public async Task<IActionResult> OnGetAsync(string source, string mentionId, CancellationToken cancellationToken)
        => await ShowAsync(source, mentionId, DecisionResult.AfterRedirect("mention", TempData[DecidedKey] as string), null, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string source, string mentionId, [FromForm] string? action, [FromForm] string? comment, [FromForm] string? reply, CancellationToken cancellationToken)
    {
        if (!MentionIds.IsValidSource(source) || !MentionIds.IsValid(mentionId))
        {
            return await ShowAsync(source, mentionId, null, null, cancellationToken);
        }

        DecisionResult result = await decisions.DecideAsync(ApprovalItemKey.Mention(source, mentionId), User, action, comment, reply, HttpContext, cancellationToken);
        if (result.Decided)
        {
            // Post/Redirect/Get: a reload after deciding sends nothing again.
            TempData[DecidedKey] = action;
            return RedirectToPage(new { source, mentionId });
        }

        // Refused: the page again, the reply as typed.
        Response.StatusCode = result.Status;
        return await ShowAsync(source, mentionId, result, reply, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string source, string mentionId, DecisionResult? result, string? reply, CancellationToken cancellationToken)
    {
        Mention = await MentionView.ReadAsync(source, mentionId, artefacts, orchestrations, cancellationToken);
        if (Mention is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        WaitingApproval? asked = await decisions.AskedAsync(ApprovalItemKey.Mention(source, mentionId), User, cancellationToken);

        // Respond carries a reply unless the mention was answered already (the approval pages' rule).
        Decide = new DecideForm(asked, DashboardDecisions.ActionsFor("mention"), "mention", Mention.Reply is null, reply, result);
        return Page();
    }
}
