using Chorus.Functions.Http;
using Chorus.Functions.Orchestration;
using Chorus.Host.Api;
using Chorus.Host.Mentions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Chorus.Functions.Functions;

/// <summary>The mentions API: the self-host's <see cref="MentionEndpoints"/> handlers on the same routes and policy.</summary>
internal sealed class MentionFunctions(BoundDurableClient durable)
{
    /// <summary>POST /api/mentions: the inbox for tools that push mentions.</summary>
    [Function("ReceiveMention")]
    public IResult Receive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/mentions")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        durable.Use(client);
        return SharedHandler.Authorized(ApiAuthentication.PolicyName, MentionEndpoints.ReceiveAsync);
    }

    /// <summary>GET /api/mentions.</summary>
    [Function("ListMentions")]
    public IResult List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/mentions")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        durable.Use(client);
        return SharedHandler.Authorized(ApiAuthentication.PolicyName, MentionEndpoints.ListAsync);
    }

    /// <summary>GET /api/mentions/summary.</summary>
    [Function("SummarizeMentions")]
    public IResult Summary(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/mentions/summary")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        durable.Use(client);
        return SharedHandler.Authorized(ApiAuthentication.PolicyName, MentionEndpoints.SummaryAsync);
    }
}
