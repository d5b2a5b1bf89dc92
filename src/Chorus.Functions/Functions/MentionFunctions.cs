using Chorus.Functions.Http;
using Chorus.Host.Api;
using Chorus.Host.Mentions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Chorus.Functions.Functions;

/// <summary>The mentions API: the self-host's <see cref="MentionEndpoints"/> handlers on the same routes and policy.</summary>
internal static class MentionFunctions
{
    /// <summary>POST /api/mentions: the inbox for tools that push mentions (a flagged one starts a triage).</summary>
    [Function("ReceiveMention")]
    public static IResult Receive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/mentions")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => SharedHandler.Authorized(ApiAuthentication.PolicyName, client, MentionEndpoints.ReceiveAsync);

    /// <summary>GET /api/mentions: read from the list index, no Durable client needed.</summary>
    [Function("ListMentions")]
    public static IResult List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/mentions")] HttpRequest request)
        => SharedHandler.Authorized(ApiAuthentication.PolicyName, MentionEndpoints.ListAsync);

    /// <summary>GET /api/mentions/summary: read from the artefacts' index tags, no Durable client needed.</summary>
    [Function("SummarizeMentions")]
    public static IResult Summary(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/mentions/summary")] HttpRequest request)
        => SharedHandler.Authorized(ApiAuthentication.PolicyName, MentionEndpoints.SummaryAsync);

    /// <summary>POST /api/mentions/{source}/{mentionId}/replies: a staff reply to the mention, reviewed like any post.</summary>
    [Function("ReplyToMention")]
    public static IResult Reply(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/mentions/{source}/{mentionId}/replies")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => SharedHandler.Authorized(ApiAuthentication.PolicyName, client, MentionEndpoints.ReplyAsync);

    /// <summary>GET /api/mentions/{source}/{mentionId}: the mention, its triage and the decision.</summary>
    [Function("GetMention")]
    public static IResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/mentions/{source}/{mentionId}")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => SharedHandler.Authorized(ApiAuthentication.PolicyName, client, MentionEndpoints.GetAsync);
}
