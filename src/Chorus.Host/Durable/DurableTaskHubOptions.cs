using System.ComponentModel.DataAnnotations;

namespace Chorus.Host.Durable;

/// <summary>
/// The self-host's task hub on the Durable Task Framework's Azure Storage backend (the backend Durable Functions uses
/// by default), bound from the <c>Durable</c> configuration section.
/// </summary>
public sealed class DurableTaskHubOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Durable";

    /// <summary>Gets or sets a storage connection string (Azurite locally). Either this or <see cref="AccountName"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets a storage account name, reached with <c>DefaultAzureCredential</c> when no connection string is set.</summary>
    public string? AccountName { get; set; }

    /// <summary>
    /// Gets or sets the task hub's name: the prefix of its queues, tables and containers. Empty means the
    /// <c>hubName</c> of host.json, so the self-host and the Functions app share one layout.
    /// </summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "Durable:HubName must be 3-45 letters and digits, starting with a letter (Azure Storage task hub rules).")]
    public string? HubName { get; set; }

    /// <summary>Gets or sets this process's name as an owner of partitions; processes that share a hub need their own.</summary>
    /// <remarks>A process restarted under the same id gets its partition leases back at once instead of waiting for them to lapse.</remarks>
    [Required]
    [RegularExpression("^[A-Za-z0-9._:-]{1,64}$", ErrorMessage = "Durable:WorkerId must be 1-64 letters, digits, '.', '_', ':' or '-'.")]
    public string WorkerId { get; set; } = Environment.MachineName;

    /// <summary>Gets or sets the number of control-queue partitions: the most processes that can share the orchestrations.</summary>
    /// <remarks>Fixed when the hub is first created; changing it later needs a new hub.</remarks>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>Gets or sets the longest pause between polls of an idle queue; a shorter one answers sooner and costs more reads.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets or sets how many activities this process runs at once.</summary>
    [Range(1, 1_000)]
    public int MaxConcurrentActivities { get; set; } = 100;

    /// <summary>Gets or sets how many orchestration turns this process runs at once.</summary>
    [Range(1, 1_000)]
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>
    /// Gets or sets how long a control-queue message (an orchestration's input: start, activity result, timer, event)
    /// stays hidden once a process has taken it. After a crash, the work that process had taken waits this long
    /// before any process, the restarted one included, can pick it up again.
    /// </summary>
    /// <remarks>
    /// 30 s rather than the Durable Task Framework's 5 minutes: an orchestration turn takes milliseconds, and a
    /// restarted self-host should pick up where it died within a minute, not five.
    /// </remarks>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long an activity message stays hidden once a process has taken it: after a crash, the
    /// activities in flight run again only once this has passed.
    /// </summary>
    /// <remarks>
    /// Keep it well above the longest activity (mail sending included): the sidecar does not renew the lock of a
    /// running activity, so one that outlives it is run a second time alongside. Chorus's activities take well under
    /// a second (a few seconds when a service throttles), so 30 s rather than the framework's 5 minutes: after a crash
    /// the activities in flight run again within half a minute of the restart.
    /// </remarks>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the loopback port of the in-process gRPC sidecar; 0 picks a free one.</summary>
    [Range(0, 65_535)]
    public int SidecarPort { get; set; }

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(AccountName))
        {
            yield return new ValidationResult(
                "Set Durable:ConnectionString (Azurite or a storage account) or Durable:AccountName (reached with DefaultAzureCredential).",
                [nameof(ConnectionString), nameof(AccountName)]);
        }
    }
}
