using Chorus.Functions.Http;
using Chorus.Functions.Orchestration;
using Chorus.Host.Api;
using Chorus.Host.Posts;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Chorus.Functions.Functions;

/// <summary>The staff-post API: the self-host's <see cref="PostEndpoints"/> handlers on the same routes and policy.</summary>
internal sealed class PostFunctions(BoundDurableClient durable)
{
    /// <summary>POST /api/posts.</summary>
    [Function("SubmitPost")]
    public IResult Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/posts")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        durable.Use(client);
        return SharedHandler.Authorized(ApiAuthentication.PolicyName, PostEndpoints.SubmitAsync);
    }

    /// <summary>GET /api/posts/{postId}.</summary>
    [Function("GetPost")]
    public IResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/posts/{postId}")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        durable.Use(client);
        return SharedHandler.Authorized(ApiAuthentication.PolicyName, PostEndpoints.GetAsync);
    }

    /// <summary>GET /api/posts.</summary>
    [Function("ListPosts")]
    public IResult List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/posts")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        durable.Use(client);
        return SharedHandler.Authorized(ApiAuthentication.PolicyName, PostEndpoints.ListAsync);
    }
}
