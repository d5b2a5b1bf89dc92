namespace Chorus.Engine.Replay;

/// <summary>The orchestrator's code did not take the path its history records: the code changed, or it is not deterministic.</summary>
public sealed class NonDeterministicOrchestrationException(string message) : Exception(message);
