using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Host.Api;
using Chorus.Durable;
using Chorus.Host.Durable;
using Microsoft.DurableTask.Client;
using Chorus.Listing;
using Chorus.Posts;
using Chorus.Posts.Listing;
using Chorus.Posts.Review;
using Microsoft.AspNetCore.Http.HttpResults;
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
        RouteGroupBuilder posts = routes.MapGroup("/api/posts").RequireAuthorization(ApiAuthentication.PolicyName);
        posts.MapPost("/", SubmitAsync);
        posts.MapGet("/{postId}", GetAsync);
        posts.MapGet("/", ListAsync);
        return routes;
    }

    internal static async Task<IResult> SubmitAsync(
        HttpContext http,
        IOptions<PostApiOptions> options,
        IArtefactStore artefacts,
        DurableTaskClient orchestrations,
        PostAudit audit,
        IPostIndex index,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        string? idempotencyKey = http.Request.Headers[IdempotencyHeader];
        if (idempotencyKey is { Length: 0 or > 200 })
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { [IdempotencyHeader] = ["The Idempotency-Key header must have 1 to 200 characters."] });
        }

        (JsonDocument? document, IResult? problem) = await JsonRequestBody.ReadAsync(http.Request, options.Value.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            DateTimeOffset now = time.GetUtcNow();
            (PostRequest? request, Dictionary<string, string[]> errors) = new PostRequestParser(options.Value).Parse(document!.RootElement, now);
            if (request is null)
            {
                return ApiProblems.Validation(errors, "The post was not accepted.");
            }

            string client = http.User.FindFirstValue(ClaimTypes.Name) ?? "unknown";
            string postId = PostIds.New(now);
            if (idempotencyKey is not null)
            {
                string bodyHash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(document.RootElement)));
                ArtefactPath keyPath = ArtefactPath.Of("idempotency", Hash(client), Hash(idempotencyKey) + ".json");
                IdempotencyRecord record = new(bodyHash, postId, now);
                if (!await artefacts.WriteOnceAsync(keyPath, JsonSerializer.SerializeToUtf8Bytes(record, DurableJson.Options), "application/json", cancellationToken))
                {
                    IdempotencyRecord first = (await PostReadModel.ReadAsync<IdempotencyRecord>(artefacts, keyPath, cancellationToken))!;
                    if (first.BodyHash != bodyHash)
                    {
                        return ApiProblems.Problem(StatusCodes.Status409Conflict, "Idempotency key reused.", "This Idempotency-Key was already used for a different body. Use a new key for a new post.");
                    }

                    // A repeat: finish what the first attempt may not have (it is all idempotent), then answer the same.
                    postId = first.PostId;
                    now = first.At;
                }
            }

            PostSubmission submission = new(postId, request.Author, request.Text, request.Channels, request.Links, request.ScheduledAt, now, client, Listed: true);
            await artefacts.WriteOnceAsync(PostArtefacts.Submission(postId), JsonSerializer.SerializeToUtf8Bytes(submission, DurableJson.Options), "application/json", cancellationToken);
            await audit.RecordAsync(postId, "submitted", "submitted", new { Client = client, submission.Author.Email }, cancellationToken);

            // Listed before its review starts, so every status change the review makes finds it (and a repeat lists nothing twice).
            await index.AddAsync(PostListEntry.Of(submission), cancellationToken);
            // A repeat finds the first attempt's instance, running or decided, and leaves it alone.
            await orchestrations.StartOnceAsync(nameof(PostReviewOrchestrator), submission, submission.InstanceId, cancellationToken);

            string statusUrl = $"/api/posts/{postId}";
            return Results.Accepted(statusUrl, new { postId, status = PostStatus.Submitted.ToString(), statusUrl });
        }
    }

    internal static async Task<IResult> GetAsync(string postId, IArtefactStore artefacts, DurableTaskClient orchestrations, CancellationToken cancellationToken)
    {
        if (!PostIds.IsValid(postId) || await PostReadModel.ReadSubmissionAsync(artefacts, postId, cancellationToken) is not { } submission)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "No such post.", $"There is no post with id '{postId}'.");
        }

        OrchestrationMetadata? review = await orchestrations.GetInstanceAsync(submission.InstanceId, getInputsAndOutputs: true, cancellationToken);
        PostOutcome? outcome = review?.IsCompleted == true ? review.ReadOutputAs<PostOutcome>() : null;
        PostProgress? progress = review?.ReadCustomStatusAs<PostProgress>();
        return Results.Ok(new
        {
            submission.PostId,
            Status = (outcome?.Status ?? progress?.Status ?? PostStatus.Submitted).ToString(),
            Stage = progress?.StageName,
            submission.Author,
            submission.Text,
            Channels = submission.Channels.Select(c => c.ToString().ToLowerInvariant()),
            submission.Links,
            submission.ScheduledAt,
            submission.SubmittedAt,
            Sentiment = await PostReadModel.ReadSentimentAsync(artefacts, postId, cancellationToken),
            Findings = (await PostReadModel.ReadFindingsAsync(artefacts, postId, cancellationToken))?.Findings,
            Decision = outcome,
            Timeline = await PostReadModel.ReadAuditAsync(artefacts, postId, cancellationToken),
        });
    }

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

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)))[..32];
}
