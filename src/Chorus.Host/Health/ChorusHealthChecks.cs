using Chorus.Infrastructure.Artefacts;
using Chorus.Infrastructure.Mail;

namespace Chorus.Host.Health;

/// <summary>The readiness checks both hosts run: artefact storage, the task hub and the mail server.</summary>
internal static class ChorusHealthChecks
{
    /// <summary>The tag of the checks <c>/readyz</c> runs.</summary>
    public const string ReadyTag = "ready";

    public const string Artefacts = "artefacts";
    public const string TaskHub = "taskhub";
    public const string Mail = "mail";

    /// <summary>
    /// How long one check may take before it counts as failed. Short, so a probe learns of a dead dependency in time
    /// (an unreachable storage account would otherwise take the SDK's retries, well over a minute).
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddChorusHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<ArtefactStorageHealthCheck>(Artefacts, tags: [ReadyTag], timeout: Timeout)
            .AddCheck<TaskHubHealthCheck>(TaskHub, tags: [ReadyTag], timeout: Timeout)
            .AddCheck<SmtpHealthCheck>(Mail, tags: [ReadyTag], timeout: Timeout);
        services.AddSingleton<ReadinessProbe>();
        return services;
    }
}
