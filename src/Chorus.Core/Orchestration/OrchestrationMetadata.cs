using System.Text.Json;

namespace Chorus.Orchestration;

/// <summary>A snapshot of an orchestration instance, as Durable's <c>OrchestrationMetadata</c>.</summary>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    /// <summary>Gets the runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>Gets when the instance was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the instance's state last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>Gets the serialized input (JSON), when inputs and outputs were asked for.</summary>
    public string? SerializedInput { get; init; }

    /// <summary>Gets the serialized output (JSON), when inputs and outputs were asked for.</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>Gets the serialized custom status (JSON).</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Gets the failure, for a Failed instance.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>Gets a value indicating whether the instance is Running or Pending.</summary>
    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending;

    /// <summary>Gets a value indicating whether the instance reached a terminal status.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>Deserializes the input.</summary>
    public T? ReadInputAs<T>() => Read<T>(SerializedInput);

    /// <summary>Deserializes the output.</summary>
    public T? ReadOutputAs<T>() => Read<T>(SerializedOutput);

    /// <summary>Deserializes the custom status.</summary>
    public T? ReadCustomStatusAs<T>() => Read<T>(SerializedCustomStatus);

    private static T? Read<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, DurableJson.Options);
}
