using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Host.Api;
using Chorus.Host.Api.Reference;
using Chorus.Host.Posts;
using Chorus.Listing;
using Chorus.Mentions;
using Chorus.Mentions.Listing;
using Chorus.Mentions.Triage;
using Chorus.Posts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Mentions;

/// <summary>
/// The mentions API: <c>POST /api/mentions</c> (the inbox for tools that push), <c>GET /api/mentions</c> and
/// <c>GET /api/mentions/summary</c>. Lists are read from the mention list index, summaries from the triage artefacts'
/// index tags.
/// </summary>
internal static class MentionEndpoints
{
    private const int MaxTextLength = 10_000;

    public static IEndpointRouteBuilder MapMentionEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder mentions = routes.MapGroup("/api/mentions").RequireAuthorization(ApiAuthentication.PolicyName).RequireRateLimiting(ApiRateLimiting.PolicyName).WithTags("Mentions").ProducesApiRefusals();
        mentions.MapPost("/", ReceiveAsync)
            .WithName("ReceiveMention")
            .WithSummary("Push a mention into triage")
            .WithDescription("For tools that push rather than being polled. The mention is scored and classified; one that needs a person is mailed to its team.")
            .Accepts<MentionBody>("application/json")
            .Produces<IntakeResult>(StatusCodes.Status202Accepted)
            .ProducesBodyRefusals();
        mentions.MapGet("/", ListAsync)
            .WithName("ListMentions")
            .WithSummary("List recorded mentions, newest first")
            .WithDescription("Filters combine; 'total' counts what they match, and 'next' (null on the last page) carries an opaque cursor to the next page.");
        mentions.MapGet("/summary", SummaryAsync)
            .WithName("SummarizeMentions")
            .WithSummary("Mentions per source and day, with their mean sentiment")
            .Produces<MentionSummary>()
            .ProducesValidationProblem();
        mentions.MapPost("/{source}/{mentionId}/replies", ReplyAsync)
            .WithName("ReplyToMention")
            .WithSummary("Answer a mention with a staff reply")
            .WithDescription("For integrations such as a care desk. The reply is a staff post of kind Reply, by the author given, on the "
                + "mention's network (Other for feeds, Hacker News and pushed mentions: posted by hand), reviewed like any post. A mention "
                + "has one reply: the same reply sent again answers the same post; a different one is refused.")
            .Accepts<ReplyBody>("application/json")
            .Produces<PostAccepted>(StatusCodes.Status202Accepted)
            .ProducesBodyRefusals()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        mentions.MapGet("/{source}/{mentionId}", GetAsync)
            .WithName("GetMention")
            .WithSummary("One mention: its scoring, its triage, the decision and every step")
            .Produces<MentionView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    internal static async Task<IResult> ReceiveAsync(HttpContext http, IOptions<PostApiOptions> options, MentionIntake intake, TimeProvider time, CancellationToken cancellationToken)
    {
        (JsonDocument? document, IResult? problem) = await JsonRequestBody.ReadAsync(http.Request, options.Value.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            (Mention? mention, Dictionary<string, string[]> errors) = MentionRequestParser.Parse(document!.RootElement, time.GetUtcNow(), MaxTextLength);
            if (mention is null)
            {
                return ApiProblems.Validation(errors, "The mention was not accepted.");
            }

            IntakeResult result = (await intake.IntakeAsync([mention], cancellationToken))[0];
            return TypedResults.Accepted($"/api/mentions/{result.Source}/{result.MentionId}", result);
        }
    }

    /// <summary>
    /// GET /api/mentions: newest first, from the list index (<see cref="IMentionIndex"/>), one counter read (the total,
    /// and where the page lies) and one range read per page, however many mentions there are.
    /// </summary>
    internal static async Task<Results<Ok<ListPage<MentionListItem>>, ValidationProblem>> ListAsync(
        string? source, string? label, string? from, string? to, string? pageSize, string? cursor, string? page,
        IMentionIndex index, CancellationToken cancellationToken)
    {
        Dictionary<string, string[]> errors = [];
        if (source is not null && !MentionIds.IsValidSource(source))
        {
            errors["source"] = ["The source must be 1-40 lower-case letters, digits or '-'."];
        }

        if (label is not null && !MentionListEntry.Labels.Contains(label))
        {
            errors["label"] = [$"The label must be {string.Join(", ", MentionListEntry.Labels)}."];
        }

        DateOnly? fromDay = ListQuery.Day(from, "from", errors), toDay = ListQuery.Day(to, "to", errors);
        ListQuery.Ordered(fromDay, toDay, errors);
        int size = ListQuery.PageSize(pageSize, errors);
        ListQuery.RefusePageNumber(page, errors);
        string query = string.Join('\n', "mentions", source, label, fromDay?.DayNumber, toDay?.DayNumber);
        ListPosition? after = ListCursor.Decode(cursor, query, MentionIds.IsValid, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        MentionListFilter filter = new(source, label, fromDay, toDay);
        ListSlice<MentionListEntry> slice = await index.ListAsync(filter, after, size, cancellationToken);
        string? next = slice.Next is { } position
            ? ListQuery.Next("/api/mentions", [new("source", source), new("label", label), new("from", from), new("to", to)], size, ListCursor.Encode(query, position))
            : null;
        List<MentionListItem> items = [.. slice.Items.Select(m => new MentionListItem(m.MentionId, m.Source, m.Label, m.Score, m.NeedsAttention, m.Url, m.AuthorHandle, m.Text, m.CreatedAt, m.Reasons))];
        return TypedResults.Ok(new ListPage<MentionListItem>(items, slice.Total, next));
    }

    internal static async Task<IResult> SummaryAsync(string? from, string? to, IArtefactStore artefacts, CancellationToken cancellationToken)
    {
        Dictionary<string, string[]> errors = [];
        string filter = Filter(from, to, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        Dictionary<(string Source, string Day), (int Count, int Flagged, double Sum, int Scored)> groups = [];
        await foreach ((_, IReadOnlyDictionary<string, string> tags) in artefacts.FindByTagsAsync(filter, cancellationToken))
        {
            (string, string) key = (tags.GetValueOrDefault("source") ?? "?", tags.GetValueOrDefault("day") ?? "?");
            (int count, int flagged, double sum, int scored) = groups.GetValueOrDefault(key);
            double? score = MentionRecorder.DecodeScore(tags.GetValueOrDefault("score"));
            groups[key] = (count + 1, flagged + (tags.GetValueOrDefault("attention") == "yes" ? 1 : 0), sum + (score ?? 0), scored + (score is null ? 0 : 1));
        }

        return TypedResults.Ok(new MentionSummary([.. groups.OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Source).Select(g => new MentionDaySummary(
            g.Key.Source,
            g.Key.Day,
            g.Value.Count,
            g.Value.Flagged,
            g.Value.Scored == 0 ? null : Math.Round(g.Value.Sum / g.Value.Scored, 4)))]));
    }

    /// <summary>
    /// POST /api/mentions/{source}/{mentionId}/replies: the reply API, on the path the Respond page's reply takes
    /// (<see cref="MentionReplies"/>). It answers the mention; a triage still waiting for the team goes on waiting.
    /// </summary>
    internal static async Task<IResult> ReplyAsync(
        string source, string mentionId, HttpContext http, IOptions<PostApiOptions> options, IArtefactStore artefacts, MentionReplies replies, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!MentionIds.IsValidSource(source) || !MentionIds.IsValid(mentionId)
            || await MentionReadModel.ReadMentionAsync(artefacts, source, mentionId, cancellationToken) is not { } mention)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "No such mention.", $"There is no mention '{mentionId}' from source '{source}'.");
        }

        (JsonDocument? document, IResult? problem) = await JsonRequestBody.ReadAsync(http.Request, options.Value.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            (ReplyRequest? request, Dictionary<string, string[]> errors) = new PostRequestParser(options.Value).ParseReply(document!.RootElement);
            if (request is null)
            {
                return ApiProblems.Validation(errors, "The reply was not accepted.");
            }

            DateTimeOffset now = time.GetUtcNow();
            PostSubmission draft = replies.Draft(PostIds.New(now), mentionId, mention, request.Author, request.Text, now, http.User.FindFirstValue(ClaimTypes.Name) ?? "unknown");
            PostSubmission reply = await replies.SubmitAsync(draft, cancellationToken);
            bool same = reply.PostId == draft.PostId
                || (string.Equals(reply.Author.Email, draft.Author.Email, StringComparison.OrdinalIgnoreCase) && reply.Text == draft.Text);
            if (!same)
            {
                return ApiProblems.Problem(StatusCodes.Status409Conflict, "This mention already has a reply.", $"{reply.Author.Email} answered it in post {reply.PostId} (/api/posts/{reply.PostId}). A mention has one reply.");
            }

            string statusUrl = $"/api/posts/{reply.PostId}";
            return TypedResults.Accepted(statusUrl, new PostAccepted(reply.PostId, PostStatus.Submitted, statusUrl));
        }
    }

    internal static async Task<IResult> GetAsync(string source, string mentionId, IArtefactStore artefacts, DurableTaskClient orchestrations, CancellationToken cancellationToken)
        => await MentionView.ReadAsync(source, mentionId, artefacts, orchestrations, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : ApiProblems.Problem(StatusCodes.Status404NotFound, "No such mention.", $"There is no mention '{mentionId}' from source '{source}'.");

    private static string Filter(string? from, string? to, Dictionary<string, string[]> errors)
    {
        // Tag queries return only the tags they name, so every tag read back is named, with an always-true bound.
        List<string> clauses = ["\"kind\" = 'mention-triage'", "\"score\" >= '0'", "\"attention\" >= 'a'", "\"source\" >= '-'", "\"label\" >= 'a'"];
        string? fromDay = Day(from, "from", errors), toDay = Day(to, "to", errors);
        clauses.Add(fromDay is null ? "\"day\" >= '0'" : $"\"day\" >= '{fromDay}'");
        if (toDay is not null)
        {
            clauses.Add($"\"day\" <= '{toDay}'");
        }

        return string.Join(" AND ", clauses);
    }

    private static string? Day(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
        {
            return parsed.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        errors[name] = [$"'{name}' must be an ISO 8601 date."];
        return null;
    }
}
