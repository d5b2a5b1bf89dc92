using Chorus.Mentions.Alerts;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Alerts;

/// <summary>
/// The self-host's clock for alerts: evaluates the current hour every <c>Mentions:Alerts:Every</c> (a minute by
/// default) while <c>Mentions:Alerts:Enabled</c> is true. The Azure Functions app has a one-minute timer instead.
/// </summary>
internal sealed partial class AlertLoop(AlertEvaluator evaluator, IOptionsMonitor<AlertOptions> options, TimeProvider time, ILogger<AlertLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await evaluator.EvaluateAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, ex);
            }

            await Task.Delay(options.CurrentValue.Every, time, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evaluating alerts failed; the next round retries.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
