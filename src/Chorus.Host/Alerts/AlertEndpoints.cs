using System.Text.RegularExpressions;
using Chorus.Host.Api;
using Chorus.Host.Api.Reference;
using Chorus.Listing;
using Chorus.Mentions.Alerts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chorus.Host.Alerts;

/// <summary>
/// <c>GET /api/alerts</c>: the spike and sentiment-dip alerts raised, newest hour first, read from the alert log
/// (<see cref="IAlertLog"/>): one range read per page, no artefact read.
/// </summary>
internal static partial class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/alerts").RequireAuthorization(ApiAuthentication.PolicyName).RequireRateLimiting(ApiRateLimiting.PolicyName).WithTags("Alerts").ProducesApiRefusals()
            .MapGet("/", ListAsync)
            .WithName("ListAlerts")
            .WithSummary("List spike and sentiment-dip alerts, newest first")
            .WithDescription("One alert per source, tracked term and hour, with its numbers and examples; 'next' (null on the last page) carries an opaque cursor to the next page.");
        return routes;
    }

    internal static async Task<Results<Ok<AlertList>, ValidationProblem>> ListAsync(string? pageSize, string? cursor, IAlertLog log, CancellationToken cancellationToken)
    {
        Dictionary<string, string[]> errors = [];
        int size = ListQuery.PageSize(pageSize, errors);
        const string Query = "alerts";
        ListPosition? after = ListCursor.Decode(cursor, Query, id => AlertId().IsMatch(id), errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        (IReadOnlyList<AlertLogEntry> alerts, bool more) = await log.PageAsync(after is null ? null : (after.At, after.Id), size, cancellationToken);
        string? next = more && alerts.Count > 0
            ? ListQuery.Next("/api/alerts", [], size, ListCursor.Encode(Query, new ListPosition(alerts[^1].Alert.Hour, alerts[^1].Alert.Id)))
            : null;
        return TypedResults.Ok(new AlertList([.. alerts.Select(AlertListItem.Of)], next));
    }

    [GeneratedRegex(@"^alert-[a-z0-9-]{1,40}-[a-z0-9-]{1,48}-[0-9]{10}\z")]
    private static partial Regex AlertId();
}
