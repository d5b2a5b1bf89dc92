using System.Globalization;
using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Host.Api;
using Chorus.Host.Api.Reference;
using Chorus.Host.Posts;
using Chorus.Mentions;
using Chorus.Mentions.Triage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Mentions;

/// <summary>
/// The mentions API: <c>POST /api/mentions</c> (the inbox for tools that push), <c>GET /api/mentions</c> and
/// <c>GET /api/mentions/summary</c>. Listing and summaries are answered from the triage artefacts' index tags.
/// </summary>
internal static class MentionEndpoints
{
    private const int MaxTextLength = 10_000;

    public static IEndpointRouteBuilder MapMentionEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder mentions = routes.MapGroup("/api/mentions").RequireAuthorization(ApiAuthentication.PolicyName).WithTags("Mentions").ProducesApiRefusals();
        mentions.MapPost("/", ReceiveAsync)
            .WithName("ReceiveMention")
            .WithSummary("Push a mention into triage")
            .WithDescription("For tools that push rather than being polled. The mention is scored and classified; one that needs a person is mailed to its team.")
            .Accepts<MentionBody>("application/json")
            .Produces<IntakeResult>(StatusCodes.Status202Accepted)
            .ProducesBodyRefusals();
        mentions.MapGet("/", ListAsync)
            .WithName("ListMentions")
            .WithSummary("List recorded mentions")
            .Produces(StatusCodes.Status200OK)
            .ProducesValidationProblem();
        mentions.MapGet("/summary", SummaryAsync)
            .WithName("SummarizeMentions")
            .WithSummary("Mentions per source and day, with their mean sentiment")
            .Produces<MentionSummary>()
            .ProducesValidationProblem();
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

    internal static async Task<IResult> ListAsync(string? source, string? label, string? from, string? to, int? page, int? pageSize, IArtefactStore artefacts, CancellationToken cancellationToken)
    {
        Dictionary<string, string[]> errors = [];
        (string filter, int size, int number) = Filter(source, label, from, to, page, pageSize, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        List<object> items = [];
        int skip = (number - 1) * size;
        await foreach ((ArtefactPath path, IReadOnlyDictionary<string, string> tags) in artefacts.FindByTagsAsync(filter, cancellationToken))
        {
            if (skip-- > 0)
            {
                continue;
            }

            byte[]? json = await artefacts.ReadAsync(path, cancellationToken);
            JsonElement triage = json is null ? default : JsonDocument.Parse(json).RootElement;
            Mention? mention = await ReadMentionAsync(artefacts, path, cancellationToken);
            items.Add(new
            {
                MentionId = triage.ValueKind == JsonValueKind.Object ? triage.GetProperty("mentionId").GetString() : null,
                Source = tags.GetValueOrDefault("source"),
                Label = tags.GetValueOrDefault("label"),
                Score = MentionRecorder.DecodeScore(tags.GetValueOrDefault("score")),
                NeedsAttention = tags.GetValueOrDefault("attention") == "yes",
                mention?.Url,
                mention?.AuthorHandle,
                mention?.Text,
                mention?.CreatedAt,
                Reasons = triage.ValueKind == JsonValueKind.Object ? triage.GetProperty("classification").GetProperty("reasons") : default,
            });
            if (items.Count == size)
            {
                break;
            }
        }

        return Results.Ok(new { page = number, pageSize = size, items });
    }

    internal static async Task<IResult> SummaryAsync(string? from, string? to, IArtefactStore artefacts, CancellationToken cancellationToken)
    {
        Dictionary<string, string[]> errors = [];
        (string filter, _, _) = Filter(null, null, from, to, 1, 1, errors);
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

    internal static async Task<IResult> GetAsync(string source, string mentionId, IArtefactStore artefacts, DurableTaskClient orchestrations, CancellationToken cancellationToken)
    {
        if (!MentionIds.IsValidSource(source) || !MentionIds.IsValid(mentionId)
            || await MentionReadModel.ReadMentionAsync(artefacts, source, mentionId, cancellationToken) is not { } mention)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "No such mention.", $"There is no mention '{mentionId}' from source '{source}'.");
        }

        MentionTriageRecord? triage = await MentionReadModel.ReadTriageAsync(artefacts, source, mentionId, cancellationToken);
        OrchestrationMetadata? instance = await orchestrations.GetInstanceAsync(MentionIds.InstanceId(source, mentionId), getInputsAndOutputs: true, cancellationToken);
        MentionOutcome? outcome = instance?.IsCompleted == true ? instance.ReadOutputAs<MentionOutcome>() : null;
        MentionProgress? progress = instance?.ReadCustomStatusAs<MentionProgress>();
        return TypedResults.Ok(new MentionView(
            mentionId,
            mention.Source,
            mention.SourceId,
            mention.Url,
            new MentionAuthor(mention.AuthorHandle, mention.AuthorName, mention.AuthorReach),
            mention.Text,
            mention.Language,
            mention.CreatedAt,
            triage?.Sentiment,
            triage?.Classification,
            outcome?.Status ?? progress?.Status ?? "recorded",
            progress?.Team ?? triage?.Classification.Team?.Name,
            outcome?.Decision,
            await MentionReadModel.ReadAuditAsync(artefacts, source, mentionId, cancellationToken)));
    }

    private static (string Filter, int Size, int Number) Filter(string? source, string? label, string? from, string? to, int? page, int? pageSize, Dictionary<string, string[]> errors)
    {
        // Tag queries return only the tags they name, so every tag read back is named, with an always-true bound.
        List<string> clauses = ["\"kind\" = 'mention-triage'", "\"score\" >= '0'", "\"attention\" >= 'a'"];
        if (source is not null)
        {
            if (MentionIds.IsValidSource(source))
            {
                clauses.Add($"\"source\" = '{source}'");
                source = null;
            }
            else
            {
                errors["source"] = ["The source must be 1-40 lower-case letters, digits or '-'."];
            }
        }

        if (label is not null)
        {
            if (label is "positive" or "neutral" or "negative" or "mixed" or "unscored")
            {
                clauses.Add($"\"label\" = '{label}'");
                label = null;
            }
            else
            {
                errors["label"] = ["The label must be positive, neutral, negative, mixed or unscored."];
            }
        }

        if (Day(from, "from", errors) is { } fromDay)
        {
            clauses.Add($"\"day\" >= '{fromDay}'");
        }

        if (Day(to, "to", errors) is { } toDay)
        {
            clauses.Add($"\"day\" <= '{toDay}'");
        }

        if (source is null && !clauses.Any(c => c.StartsWith("\"source\"", StringComparison.Ordinal)))
        {
            clauses.Add("\"source\" >= '-'");
        }

        if (label is null && !clauses.Any(c => c.StartsWith("\"label\"", StringComparison.Ordinal)))
        {
            clauses.Add("\"label\" >= 'a'");
        }

        if (!clauses.Any(c => c.StartsWith("\"day\"", StringComparison.Ordinal)))
        {
            clauses.Add("\"day\" >= '0'");
        }

        int size = pageSize ?? 50, number = page ?? 1;
        if (size is < 1 or > 200)
        {
            errors["pageSize"] = ["pageSize must be between 1 and 200."];
        }

        if (number is < 1 or > 10_000)
        {
            errors["page"] = ["page must be between 1 and 10,000."];
        }

        return (string.Join(" AND ", clauses), size, number);
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

    private static async Task<Mention?> ReadMentionAsync(IArtefactStore artefacts, ArtefactPath triagePath, CancellationToken cancellationToken)
    {
        string folder = triagePath.Value[..triagePath.Value.LastIndexOf('/')];
        return await artefacts.ReadJsonAsync<Mention>(ArtefactPath.Parse(folder + "/mention.json"), cancellationToken);
    }
}
