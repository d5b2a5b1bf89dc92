using Chorus.Approvals;
using Chorus.Artefacts;
using Chorus.Host.Dashboard.Deciding;
using Chorus.Host.Posts;
using Chorus.Posts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.DurableTask.Client;

namespace Chorus.Host.Dashboard.Posts;

/// <summary>
/// One post: its text, channels, findings with their explanations, sentiment, timeline and artefacts, read by the same
/// code as <c>GET /api/posts/{postId}</c> (<see cref="PostView.ReadAsync"/>); and, for an approver it waits on, the
/// form that decides it.
/// </summary>
internal sealed class PostModel(IArtefactStore artefacts, DurableTaskClient orchestrations, DashboardDecisions decisions) : PageModel
{
    private const string DecidedKey = "decided";

    public PostView? Post { get; private set; }

    public IReadOnlyList<string> ArtefactNames { get; private set; } = [];

    public DecideForm Decide { get; private set; } = new(null, [], "post", false, null, null);

    public async Task<IActionResult> OnGetAsync(string postId, CancellationToken cancellationToken)
        => await ShowAsync(postId, DecisionResult.AfterRedirect("post", TempData[DecidedKey] as string), cancellationToken);

    public async Task<IActionResult> OnPostAsync(string postId, [FromForm] string? action, [FromForm] string? comment, CancellationToken cancellationToken)
    {
        if (!PostIds.IsValid(postId))
        {
            return await ShowAsync(postId, null, cancellationToken);
        }

        DecisionResult result = await decisions.DecideAsync(ApprovalItemKey.Post(postId), User, action, comment, null, HttpContext, cancellationToken);
        if (result.Decided)
        {
            // Post/Redirect/Get: a reload after deciding sends nothing again.
            TempData[DecidedKey] = action;
            return RedirectToPage(new { postId });
        }

        Response.StatusCode = result.Status;
        return await ShowAsync(postId, result, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string postId, DecisionResult? result, CancellationToken cancellationToken)
    {
        Post = await PostView.ReadAsync(postId, artefacts, orchestrations, cancellationToken);
        if (Post is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        List<string> names = [];
        await foreach (ArtefactPath path in artefacts.ListAsync(PostArtefacts.Folder(postId), cancellationToken))
        {
            names.Add(path.Value);
        }

        ArtefactNames = names;
        WaitingApproval? asked = await decisions.AskedAsync(ApprovalItemKey.Post(postId), User, cancellationToken);
        Decide = new DecideForm(asked, DashboardDecisions.ActionsFor("post"), Post.Kind == PostKind.Reply ? "reply" : "post", false, null, result);
        return Page();
    }
}
