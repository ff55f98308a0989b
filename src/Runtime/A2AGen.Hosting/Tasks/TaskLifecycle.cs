using A2AGen.Protocol;
using TaskStatus = A2AGen.Protocol.TaskStatus;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// The one task state machine: every task — run to completion, in the background, streamed, or canceled through a
/// shared store — is built by it. Each change (working, an artifact part, the final status) returns the event that
/// describes it, which <see cref="TaskExecution"/> publishes to the task's streams; the history holds every message
/// of the task (the user's, and each status message the agent sends). Not thread-safe: its owner serializes changes.
/// A task nobody can watch (run to completion, answered only when final) is built without describing its changes.
/// </summary>
internal sealed class TaskLifecycle
{
    private readonly List<Message> _history;
    private readonly bool _describe;
    private List<ArtifactBuilder>? _artifacts;
    private AgentTask? _snapshot;
    private long _snapshotVersion;

    /// <param name="taskId">The task's id.</param>
    /// <param name="contextId">Its context.</param>
    /// <param name="userMessage">The message that started it.</param>
    /// <param name="now">The time of submission.</param>
    /// <param name="describeChanges">Whether each change returns its event (false: null, for a task nobody watches).</param>
    public TaskLifecycle(string taskId, string contextId, Message userMessage, DateTimeOffset now, bool describeChanges = true)
    {
        _describe = describeChanges;
        TaskId = taskId;
        ContextId = contextId;
        _history = [userMessage];
        Status = new TaskStatus { State = TaskState.Submitted, Timestamp = now };
    }

    private TaskLifecycle(AgentTask task)
    {
        _describe = true;
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
    public StreamResponse? Working(DateTimeOffset now) => SetStatus(TaskState.Working, null, now);

    /// <summary>The skill produced a part of an artifact (a new artifact, or appended to one).</summary>
    public StreamResponse? AddPart(string artifactId, Part part, bool append)
    {
        EnsureRunning();
        _artifacts ??= [];
        var builder = _artifacts.Find(a => a.Id == artifactId);
        if (builder is null)
        {
            builder = new ArtifactBuilder(artifactId, []);
            _artifacts.Add(builder);
        }

        builder.Parts.Add(part);
        Version++;
        return !_describe ? null : new StreamResponse
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

    /// <summary>The skill produced a whole artifact at once; a lifecycle that does not describe its changes keeps <paramref name="parts"/> as they are.</summary>
    public void AddParts(string artifactId, List<Part> parts)
    {
        if (_describe || _artifacts?.Exists(a => a.Id == artifactId) == true)
        {
            for (var i = 0; i < parts.Count; i++)
            {
                AddPart(artifactId, parts[i], append: i > 0);
            }

            return;
        }

        EnsureRunning();
        (_artifacts ??= []).Add(new ArtifactBuilder(artifactId, parts));
        Version++;
    }

    /// <summary>The task reached a final state; <paramref name="message"/> (the agent's word on it) joins the history.</summary>
    public StreamResponse? Finish(TaskState state, Message? message, DateTimeOffset now)
    {
        EnsureRunning();
        return SetStatus(state, message, now);
    }

    public AgentTask Snapshot()
    {
        if (_snapshot is not null && _snapshotVersion == Version)
        {
            return _snapshot;
        }

        // A final task changes no more: its snapshot shares the lists instead of copying them.
        var final = IsFinal;
        Artifact[]? artifacts = null;
        if (_artifacts is { Count: > 0 })
        {
            artifacts = new Artifact[_artifacts.Count];
            for (var i = 0; i < artifacts.Length; i++)
            {
                artifacts[i] = new Artifact { ArtifactId = _artifacts[i].Id, Parts = final ? _artifacts[i].Parts : _artifacts[i].Parts.ToArray() };
            }
        }

        _snapshot = new AgentTask { Id = TaskId, ContextId = ContextId, Status = Status, Artifacts = artifacts, History = final ? _history : _history.ToArray() };
        _snapshotVersion = Version;
        return _snapshot;
    }

    private void EnsureRunning()
    {
        if (IsFinal)
        {
            throw new InvalidOperationException($"Task '{TaskId}' is {Status.State}: a final task changes no more.");
        }
    }

    private StreamResponse? SetStatus(TaskState state, Message? message, DateTimeOffset now)
    {
        Status = new TaskStatus { State = state, Message = message, Timestamp = now };
        if (message is not null)
        {
            _history.Add(message);
        }

        Version++;
        return !_describe ? null : new StreamResponse { StatusUpdate = new TaskStatusUpdateEvent { TaskId = TaskId, ContextId = ContextId, Status = Status } };
    }

    private sealed class ArtifactBuilder(string id, List<Part> parts)
    {
        public string Id { get; } = id;

        public List<Part> Parts { get; } = parts;
    }
}
