namespace Chorus.Orchestration;

/// <summary>Options for an activity or sub-orchestration call, as in Durable's <c>TaskOptions</c>.</summary>
public record TaskOptions
{
    /// <summary>Initializes options with an optional retry policy.</summary>
    public TaskOptions(RetryPolicy? retry = null) => Retry = retry;

    /// <summary>Gets the retry policy; null means one attempt.</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>Creates options that retry with <paramref name="policy"/>.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}

/// <summary>Options for a sub-orchestration call: retry and the child's instance id.</summary>
public record SubOrchestrationOptions : TaskOptions
{
    /// <summary>Initializes options for a sub-orchestration.</summary>
    public SubOrchestrationOptions(RetryPolicy? retry = null, string? instanceId = null)
        : base(retry) => InstanceId = instanceId;

    /// <summary>Gets the child's instance id; null lets the context derive a deterministic one.</summary>
    public string? InstanceId { get; init; }
}
