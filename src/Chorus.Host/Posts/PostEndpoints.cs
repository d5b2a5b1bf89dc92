using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Durable;
using Chorus.Host.Api;
using Chorus.Host.Api.Reference;
using Chorus.Listing;
using Chorus.Posts;
using Chorus.Posts.Listing;
using Chorus.Posts.Policy;
using Chorus.Posts.Review;
using Chorus.Sentiment;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Posts;

/// <summary>
/// The staff-post API. <c>POST /api/posts</c> answers 202 only once the submission is stored and its review started;
/// <c>GET /api/posts/{id}</c> shows where it stands; <c>GET /api/posts</c> lists them.
/// </summary>
internal static class PostEndpoints
{
    private const string IdempotencyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapPostEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder posts = routes.MapGroup("/api/posts").RequireAuthorization(ApiAuthentication.PolicyName).RequireRateLimiting(ApiRateLimiting.PolicyName).WithTags("Posts").ProducesApiRefusals();
        posts.MapPost("/", SubmitAsync)
            .WithName("SubmitPost")
            .WithSummary("Submit a staff post for review")
            .WithDescription("Stores the post and starts its review: policy checks, sentiment, then approval by rule or by people. "
                + "Send an Idempotency-Key header to make a retry safe: the same key and body answer the same post.")
            .Accepts<PostSubmissionBody>("application/json")
            .Produces<PostAccepted>(StatusCodes.Status202Accepted)
            .ProducesBodyRefusals()
            .ProducesProblem(StatusCodes.Status409Conflict);
        posts.MapPost("/check", CheckAsync)
            .WithName("CheckPost")
            .WithSummary("Check a post before submitting it")
            .WithDescription("Takes the same body as a submission and stores nothing: the findings with their explanations, the "
                + "sentiment, how the post fits each channel, and the route it would take.")
            .Accepts<PostSubmissionBody>("application/json")
            .Produces<PostCheck>()
            .ProducesBodyRefusals();
        posts.MapGet("/{postId}", GetAsync)
            .WithName("GetPost")
            .WithSummary("Where a post's review stands")
            .Produces<PostView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        posts.MapGet("/", ListAsync)
            .WithName("ListPosts")
            .WithSummary("List posts, newest first")
            .WithDescription("Filters combine; 'total' counts what they match, and 'next' (null on the last page) carries an opaque cursor to the next page.");
        return routes;
    }

    internal static async Task<IResult> SubmitAsync(
        HttpContext http,
        IOptions<PostApiOptions> options,
        IArtefactStore artefacts,
        PostIntake intake,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        string? idempotencyKey = http.Request.Headers[IdempotencyHeader];
        if (idempotencyKey is { Length: 0 or > 200 })
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { [IdempotencyHeader] = ["The Idempotency-Key header must have 1 to 200 characters."] });
        }

        DateTimeOffset now = time.GetUtcNow();
        (JsonDocument? document, PostRequest? request, IResult? problem) = await ReadRequestAsync(http, options.Value, now, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            string client = http.User.FindFirstValue(ClaimTypes.Name) ?? "unknown";
            string postId = PostIds.New(now);
            if (idempotencyKey is not null)
            {
                string bodyHash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(document!.RootElement)));
                ArtefactPath keyPath = ArtefactPath.Of("idempotency", Hash(client), Hash(idempotencyKey) + ".json");
                IdempotencyRecord record = new(bodyHash, postId, now);
                if (!await artefacts.WriteOnceAsync(keyPath, JsonSerializer.SerializeToUtf8Bytes(record, DurableJson.Options), "application/json", cancellationToken))
                {
                    IdempotencyRecord first = (await artefacts.ReadJsonAsync<IdempotencyRecord>(keyPath, cancellationToken))!;
                    if (first.BodyHash != bodyHash)
                    {
                        return ApiProblems.Problem(StatusCodes.Status409Conflict, "Idempotency key reused.", "This Idempotency-Key was already used for a different body. Use a new key for a new post.");
                    }

                    // A repeat: finish what the first attempt may not have (it is all idempotent), then answer the same.
                    postId = first.PostId;
                    now = first.At;
                }
            }

            PostSubmission submission = new(postId, request!.Author, request.Text, request.Channels, request.Links, request.ScheduledAt, now, client, Listed: true, Publishes: true);
            await intake.SubmitAsync(submission, cancellationToken);

            string statusUrl = $"/api/posts/{postId}";
            return TypedResults.Accepted(statusUrl, new PostAccepted(postId, PostStatus.Submitted, statusUrl));
        }
    }

    internal static async Task<IResult> CheckAsync(
        HttpContext http,
        IOptions<PostApiOptions> options,
        ISentimentAnalyzer analyzer,
        PolicyEvaluator evaluator,
        ComplaintLookup complaints,
        ChannelLengths lengths,
        IOptionsMonitor<ReviewOptions> review,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        (JsonDocument? document, PostRequest? request, IResult? problem) = await ReadRequestAsync(http, options.Value, now, cancellationToken);
        document?.Dispose();
        if (problem is not null)
        {
            return problem;
        }

        // What the review's first steps would do (ScorePostActivity, CheckPostActivity, PlanReviewActivity), with nothing kept.
        PostSubmission draft = new("check", request!.Author, request.Text, request.Channels, request.Links, request.ScheduledAt, now, http.User.FindFirstValue(ClaimTypes.Name) ?? "unknown");
        DocumentSentiment sentiment = (await analyzer.AnalyzeAsync([new SentimentDocument(draft.PostId, draft.Text)], cancellationToken)).Documents[0];
        DocumentSentiment? usable = sentiment.Error is null ? sentiment : null;
        PolicyReport report = evaluator.Evaluate(await complaints.AttachAsync(draft.Draft, usable, cancellationToken), usable);
        ReviewPlan plan = ReviewPlanner.Plan(draft, report, usable, review.CurrentValue);
        return TypedResults.Ok(new PostCheck(plan.Route, [.. plan.Stages.Select(stage => stage.Name)], plan.Reason, report.Findings, sentiment, lengths.Measure(draft.Draft)));
    }

    internal static async Task<IResult> GetAsync(string postId, IArtefactStore artefacts, DurableTaskClient orchestrations, CancellationToken cancellationToken)
        => await PostView.ReadAsync(postId, artefacts, orchestrations, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : ApiProblems.Problem(StatusCodes.Status404NotFound, "No such post.", $"There is no post with id '{postId}'.");

    /// <summary>
    /// GET /api/posts: newest first, from the list index (<see cref="IPostIndex"/>), one counter read (the total, and
    /// where the page lies) and one range read per page, however many posts there are.
    /// </summary>
    internal static async Task<Results<Ok<ListPage<PostListItem>>, ValidationProblem>> ListAsync(
        string? status, string? author, string? from, string? to, string? pageSize, string? cursor, string? page,
        IPostIndex index, CancellationToken cancellationToken)
    {
        Dictionary<string, string[]> errors = [];
        PostStatus? wanted = null;
        if (status is not null)
        {
            if (Enum.TryParse(status, ignoreCase: true, out PostStatus parsed) && !int.TryParse(status, out _))
            {
                wanted = parsed;
            }
            else
            {
                errors["status"] = [$"Unknown status. Known: {string.Join(", ", Enum.GetNames<PostStatus>())}."];
            }
        }

        if (author is not null && string.IsNullOrWhiteSpace(author))
        {
            errors["author"] = ["'author' must be the author's email address."];
        }

        DateTimeOffset? fromTime = ListQuery.Time(from, "from", endOfDay: false, errors), toTime = ListQuery.Time(to, "to", endOfDay: true, errors);
        ListQuery.Ordered(fromTime, toTime, errors);
        int size = ListQuery.PageSize(pageSize, errors);
        ListQuery.RefusePageNumber(page, errors);
        PostListFilter filter = new(wanted, author?.Trim(), new TimeRange(fromTime, toTime));

        // The cursor is bound to the filters as the index reads them (status, author in any case, the instants).
        string query = string.Join('\n', "posts", wanted?.ToString(), filter.AuthorEmail?.ToLowerInvariant(), fromTime?.UtcTicks, toTime?.UtcTicks);
        ListPosition? after = ListCursor.Decode(cursor, query, PostIds.IsValid, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        ListSlice<PostListEntry> slice = await index.ListAsync(filter, after, size, cancellationToken);
        string? next = slice.Next is { } position
            ? ListQuery.Next("/api/posts", [new("status", wanted?.ToString()), new("author", filter.AuthorEmail), new("from", from), new("to", to)], size, ListCursor.Encode(query, position))
            : null;
        List<PostListItem> items = [.. slice.Items.Select(p => new PostListItem(p.PostId, p.Status, p.Author, p.SubmittedAt, $"/api/posts/{p.PostId}"))];
        return TypedResults.Ok(new ListPage<PostListItem>(items, slice.Total, next));
    }

    /// <summary>The body of a submission or a check: JSON within the size limit, every field valid, or the problem that says which is not.</summary>
    private static async Task<(JsonDocument? Document, PostRequest? Request, IResult? Problem)> ReadRequestAsync(HttpContext http, PostApiOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        (JsonDocument? document, IResult? problem) = await JsonRequestBody.ReadAsync(http.Request, options.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return (null, null, problem);
        }

        (PostRequest? request, Dictionary<string, string[]> errors) = new PostRequestParser(options).Parse(document!.RootElement, now);
        if (request is null)
        {
            document.Dispose();
            return (null, null, ApiProblems.Validation(errors, "The post was not accepted."));
        }

        return (document, request, null);
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)))[..32];
}
