using A2AGen.Protocol;
using TaskStatus = A2AGen.Protocol.TaskStatus;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// The one task state machine: every task — run to completion, in the background, streamed, or canceled through a
/// shared store — is built by it. Each change (working, an artifact part, the final status) returns the event that
/// describes it, which <see cref="TaskExecution"/> publishes to the task's streams; the history holds every message
/// of the task (the user's, and each status message the agent sends). Not thread-safe: its owner serializes changes.
/// </summary>
internal sealed class TaskLifecycle
{
    private readonly List<Message> _history;
    private List<ArtifactBuilder>? _artifacts;
    private AgentTask? _snapshot;
    private long _snapshotVersion;

    public TaskLifecycle(string taskId, string contextId, Message userMessage, DateTimeOffset now)
    {
        TaskId = taskId;
        ContextId = contextId;
        _history = [userMessage];
        Status = new TaskStatus { State = TaskState.Submitted, Timestamp = now };
    }

    private TaskLifecycle(AgentTask task)
    {
        TaskId = task.Id;
        ContextId = task.ContextId ?? "";
        _history = [.. task.History ?? []];
        Status = task.Status;
        foreach (var artifact in task.Artifacts ?? [])
        {
            (_artifacts ??= []).Add(new ArtifactBuilder(artifact.ArtifactId, [.. artifact.Parts]));
        }
    }

    public string TaskId { get; }

    public string ContextId { get; }

    public TaskStatus Status { get; private set; }

    /// <summary>Counts changes; a snapshot or a save is current when its version is.</summary>
    public long Version { get; private set; } = 1;

    /// <summary>Whether the task reached a final state.</summary>
    public bool IsFinal => Status.State.IsTerminal();

    /// <summary>Continues a stored task (e.g. to record a cancellation made through a shared store).</summary>
    public static TaskLifecycle Resume(AgentTask task) => new(task);

    /// <summary>The skill started working.</summary>
    public StreamResponse Working(DateTimeOffset now) => SetStatus(TaskState.Working, null, now);

    /// <summary>The skill produced a part of an artifact (a new artifact, or appended to one).</summary>
    public StreamResponse AddPart(string artifactId, Part part, bool append)
    {
        _artifacts ??= [];
        var builder = _artifacts.Find(a => a.Id == artifactId);
        if (builder is null)
        {
            builder = new ArtifactBuilder(artifactId, []);
            _artifacts.Add(builder);
        }

        builder.Parts.Add(part);
        Version++;
        return new StreamResponse
        {
            ArtifactUpdate = new TaskArtifactUpdateEvent
            {
                TaskId = TaskId,
                ContextId = ContextId,
                Artifact = new Artifact { ArtifactId = artifactId, Parts = [part] },
                Append = append,
            },
        };
    }

    /// <summary>The task reached a final state; <paramref name="message"/> (the agent's word on it) joins the history.</summary>
    public StreamResponse Finish(TaskState state, Message? message, DateTimeOffset now) => SetStatus(state, message, now);

    public AgentTask Snapshot()
    {
        if (_snapshot is not null && _snapshotVersion == Version)
        {
            return _snapshot;
        }

        Artifact[]? artifacts = null;
        if (_artifacts is { Count: > 0 })
        {
            artifacts = new Artifact[_artifacts.Count];
            for (var i = 0; i < artifacts.Length; i++)
            {
                artifacts[i] = new Artifact { ArtifactId = _artifacts[i].Id, Parts = _artifacts[i].Parts.ToArray() };
            }
        }

        _snapshot = new AgentTask { Id = TaskId, ContextId = ContextId, Status = Status, Artifacts = artifacts, History = _history.ToArray() };
        _snapshotVersion = Version;
        return _snapshot;
    }

    private StreamResponse SetStatus(TaskState state, Message? message, DateTimeOffset now)
    {
        Status = new TaskStatus { State = state, Message = message, Timestamp = now };
        if (message is not null)
        {
            _history.Add(message);
        }

        Version++;
        return new StreamResponse { StatusUpdate = new TaskStatusUpdateEvent { TaskId = TaskId, ContextId = ContextId, Status = Status } };
    }

    private sealed class ArtifactBuilder(string id, List<Part> parts)
    {
        public string Id { get; } = id;

        public List<Part> Parts { get; } = parts;
    }
}
