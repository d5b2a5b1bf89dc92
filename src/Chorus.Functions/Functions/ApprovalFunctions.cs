using Chorus.Functions.Http;
using Chorus.Host.Approvals;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Chorus.Functions.Functions;

/// <summary>
/// Approval links: the self-host's <see cref="ApprovalEndpoints"/> handlers. A decision reaches the waiting
/// orchestration through the Durable client (the approval subjects' RaiseEventAsync), never through the management
/// URLs that carry the system key.
/// </summary>
internal static class ApprovalFunctions
{
    /// <summary>GET /approvals/{token}: the confirmation page; it changes nothing.</summary>
    [Function("ShowApproval")]
    public static IResult Show(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "approvals/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => SharedHandler.Run(client, ApprovalEndpoints.ShowAsync);

    /// <summary>POST /approvals/{token}: the page's form; records the decision once.</summary>
    [Function("DecideApproval")]
    public static IResult Decide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "approvals/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => SharedHandler.Run(client, ApprovalEndpoints.DecideAsync);
}
