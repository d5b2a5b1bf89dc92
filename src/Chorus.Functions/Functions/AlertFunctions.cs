using Chorus.Functions.Http;
using Chorus.Host.Alerts;
using Chorus.Host.Api;
using Chorus.Mentions.Alerts;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Chorus.Functions.Functions;

/// <summary>
/// Spike and sentiment-dip alerts: a one-minute timer evaluates the current hour (nothing while
/// <c>Mentions:Alerts:Enabled</c> is false), and <c>GET /api/alerts</c> is the self-host's <see cref="AlertEndpoints"/> handler.
/// </summary>
internal sealed class AlertFunctions(AlertEvaluator evaluator)
{
    /// <summary>The evaluation timer's schedule (NCRONTAB, seconds first): every minute, half a minute after the poll timer.</summary>
    public const string EvaluateSchedule = "30 */1 * * * *";

    /// <summary>Evaluates every watched series now, and finishes alerts left unsent.</summary>
    [Function("EvaluateAlerts")]
    public Task Evaluate([TimerTrigger(EvaluateSchedule)] TimerInfo timer, FunctionContext context)
        => evaluator.EvaluateAsync(context.CancellationToken);

    /// <summary>GET /api/alerts: read from the alert log.</summary>
    [Function("ListAlerts")]
    public static IResult List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/alerts")] HttpRequest request)
        => SharedHandler.Authorized(ApiAuthentication.PolicyName, AlertEndpoints.ListAsync);
}
