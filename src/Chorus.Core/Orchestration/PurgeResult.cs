namespace Chorus.Orchestration;

/// <summary>The result of a purge: how many instances were removed.</summary>
public sealed record PurgeResult(int PurgedInstanceCount);
