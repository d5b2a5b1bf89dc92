using Azure;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chorus.Infrastructure.Artefacts;

/// <summary>
/// Readiness of the artefact store: the storage account answers a read of the artefact container with the configured
/// credentials. A container that does not exist yet is ready too: the first artefact creates it.
/// </summary>
public sealed class ArtefactStorageHealthCheck(ArtefactContainer container) : IHealthCheck
{
    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            bool exists = await container.Client.ExistsAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(exists
                ? "The artefact container answers."
                : "The storage account answers; the artefact container is created with the first artefact.");
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException)
        {
            // After its retries the SDK throws an AggregateException of the attempts' failures. Neither the account's
            // address nor the exception's text goes in the public answer: the log has them.
            string status = ex is RequestFailedException { Status: > 0 } refused ? $" (HTTP {refused.Status})" : string.Empty;
            return new HealthCheckResult(context.Registration.FailureStatus, $"The storage account did not answer for the artefact container{status}.", ex);
        }
    }
}
