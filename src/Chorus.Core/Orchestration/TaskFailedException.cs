namespace Chorus.Orchestration;

/// <summary>Thrown into an orchestrator when an activity or sub-orchestration it awaited failed.</summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Initializes the exception for the task <paramref name="taskName"/> with id <paramref name="taskId"/>.</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails.ErrorType}: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>Gets the activity or orchestrator name.</summary>
    public string TaskName { get; }

    /// <summary>Gets the task's sequence id in the orchestration.</summary>
    public int TaskId { get; }

    /// <summary>Gets the failure as recorded in history.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
