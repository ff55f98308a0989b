using System.Text.Json.Serialization;

namespace A2AGen.Protocol;

/// <summary>The lifecycle state of a task (§4.1.3). JSON: <c>TASK_STATE_*</c>.</summary>
[JsonConverter(typeof(Serialization.TaskStateConverter))]
public enum TaskState
{
    /// <summary>Unknown.</summary>
    Unspecified = 0,

    /// <summary>Acknowledged, not started.</summary>
    Submitted = 1,

    /// <summary>Being processed.</summary>
    Working = 2,

    /// <summary>Finished successfully (terminal).</summary>
    Completed = 3,

    /// <summary>Finished with an error (terminal).</summary>
    Failed = 4,

    /// <summary>Canceled (terminal).</summary>
    Canceled = 5,

    /// <summary>Waiting for the client (interrupted).</summary>
    InputRequired = 6,

    /// <summary>Rejected by the agent (terminal).</summary>
    Rejected = 7,

    /// <summary>Waiting for authentication (interrupted).</summary>
    AuthRequired = 8,
}

/// <summary>Helpers for <see cref="TaskState"/>.</summary>
public static class TaskStates
{
    /// <summary>Whether no further transitions can happen.</summary>
    public static bool IsTerminal(this TaskState state) =>
        state is TaskState.Completed or TaskState.Failed or TaskState.Canceled or TaskState.Rejected;

    /// <summary>Whether the task waits for the client (<see cref="TaskState.InputRequired"/> or <see cref="TaskState.AuthRequired"/>): a message naming it continues it.</summary>
    public static bool IsInterrupted(this TaskState state) =>
        state is TaskState.InputRequired or TaskState.AuthRequired;
}
