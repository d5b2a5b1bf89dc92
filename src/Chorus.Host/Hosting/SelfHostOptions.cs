namespace Chorus.Host.Hosting;

/// <summary>What this self-host process does, bound from <c>SelfHost</c>.</summary>
public sealed class SelfHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SelfHost";

    /// <summary>
    /// Gets or sets a value indicating whether this process runs the work: the Durable Task worker (every orchestration and
    /// activity), the mention monitor's polls and digest, and the alert loop. True by default. False serves the web
    /// only (the API, the approval pages and the dashboard) beside another host that runs the work on the same task hub
    /// and storage, such as the Azure Functions app: its Durable client starts orchestrations and delivers decisions
    /// through the task hub's queues and never takes a partition, so it never runs an orchestration itself.
    /// </summary>
    public bool RunsWork { get; set; } = true;

    /// <summary>Reads <see cref="RunsWork"/> while services are registered, before options can be resolved.</summary>
    internal static bool ReadRunsWork(IConfiguration configuration)
        => configuration.GetValue($"{SectionName}:{nameof(RunsWork)}", true);
}
