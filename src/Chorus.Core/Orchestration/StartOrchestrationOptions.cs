namespace Chorus.Orchestration;

/// <summary>Options for starting an instance: its id (generated when null) and a delayed start time.</summary>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);
