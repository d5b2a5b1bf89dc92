using Chorus.Functions.Http;
using Chorus.Host.Api;
using Chorus.Host.Posts;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Chorus.Functions.Functions;

/// <summary>The staff-post API: the self-host's <see cref="PostEndpoints"/> handlers on the same routes and policy.</summary>
internal static class PostFunctions
{
    /// <summary>POST /api/posts.</summary>
    [Function("SubmitPost")]
    public static IResult Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/posts")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => SharedHandler.Authorized(ApiAuthentication.PolicyName, client, PostEndpoints.SubmitAsync);

    /// <summary>POST /api/posts/check: what the review would find and do, with nothing stored.</summary>
    [Function("CheckPost")]
    public static IResult Check(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/posts/check")] HttpRequest request)
        => SharedHandler.Authorized(ApiAuthentication.PolicyName, PostEndpoints.CheckAsync);

    /// <summary>GET /api/posts/{postId}.</summary>
    [Function("GetPost")]
    public static IResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/posts/{postId}")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => SharedHandler.Authorized(ApiAuthentication.PolicyName, client, PostEndpoints.GetAsync);

    /// <summary>GET /api/posts: read from the list index, no Durable client needed.</summary>
    [Function("ListPosts")]
    public static IResult List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/posts")] HttpRequest request)
        => SharedHandler.Authorized(ApiAuthentication.PolicyName, PostEndpoints.ListAsync);
}
