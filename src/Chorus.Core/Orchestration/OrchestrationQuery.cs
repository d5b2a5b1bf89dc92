namespace Chorus.Orchestration;

/// <summary>A filter for listing instances, as Durable's <c>OrchestrationQuery</c>.</summary>
public sealed record OrchestrationQuery
{
    /// <summary>Gets the earliest creation time to include.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Gets the latest creation time to include.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Gets the statuses to include; null or empty includes all.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Gets an instance id prefix to match.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Gets whether to load inputs and outputs.</summary>
    public bool FetchInputsAndOutputs { get; init; }

    /// <summary>Gets the most instances to return.</summary>
    public int PageSize { get; init; } = 100;
}
