using System.Buffers;
using System.Text.Json;
using A2AGen.Protocol;
using TaskStatus = A2AGen.Protocol.TaskStatus;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// The one task state machine: every task — run to completion, in the background, streamed, or canceled through a
/// shared store — is built by it. Each change (working, an artifact part, an interruption, the final status) returns
/// the event that describes it, which <see cref="TaskExecution"/> publishes to the task's streams; the history holds
/// every message of the task (the user's, and each status message the agent sends). Not thread-safe: its owner
/// serializes changes. A task nobody can watch (run to completion, answered only when final) is built without
/// describing its changes. With a <see cref="Provenance"/> sealer (a <see cref="ProvenanceAttribute"/> skill), every
/// artifact is signed when its last part arrives and every status message the skill sends is signed as it joins the
/// history: the one place where provenance envelopes are made for tasks, whichever way the task runs.
/// </summary>
/// <remarks>
/// States: SUBMITTED → WORKING → (artifact parts) → a final state, or → INPUT_REQUIRED / AUTH_REQUIRED (interrupted:
/// no more parts, the skill has returned). An interrupted task goes back to WORKING only through
/// <see cref="Continue"/>, with the caller's next message; a final task changes no more.
/// </remarks>
internal sealed class TaskLifecycle
{
    private readonly List<Message> _history;
    private readonly bool _describe;
    private IReadOnlyDictionary<string, JsonElement>? _metadata;
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

    private TaskLifecycle(AgentTask task, bool describeChanges)
    {
        _describe = describeChanges;
        TaskId = task.Id;
        ContextId = task.ContextId ?? "";
        _history = [.. task.History ?? []];
        _metadata = task.Metadata;
        Status = task.Status;
        foreach (var artifact in task.Artifacts ?? [])
        {
            (_artifacts ??= []).Add(new ArtifactBuilder(artifact.ArtifactId, [.. artifact.Parts]) { Metadata = artifact.Metadata });
        }
    }

    public string TaskId { get; }

    /// <summary>Signs this turn's artifacts and status messages (the skill has <see cref="ProvenanceAttribute"/>), or null.</summary>
    public ProvenanceSealer? Provenance { get; set; }

    /// <summary>Encrypts this turn's artifact parts and status messages to the sender of an encrypted request (before any provenance seal), or null.</summary>
    public RequestEncryption? Encryption { get; set; }

    public string ContextId { get; }

    public TaskStatus Status { get; private set; }

    /// <summary>Counts changes; a snapshot or a save is current when its version is.</summary>
    public long Version { get; private set; } = 1;

    /// <summary>Whether the task reached a final state.</summary>
    public bool IsFinal => Status.State.IsTerminal();

    /// <summary>Whether the task waits for the caller (INPUT_REQUIRED or AUTH_REQUIRED).</summary>
    public bool IsInterrupted => Status.State.IsInterrupted();

    /// <summary>The conversation so far, oldest first.</summary>
    public IReadOnlyList<Message> History => _history;

    /// <summary>Continues a stored task (to record a cancellation made through a shared store, or to continue an interrupted one).</summary>
    public static TaskLifecycle Resume(AgentTask task, bool describeChanges = true) => new(task, describeChanges);

    /// <summary>The skill that stopped an interrupted task (recorded in its metadata), to run again on the next message.</summary>
    public static string? InterruptedSkillOf(AgentTask task) => SkillIn(task.Metadata);

    private static string? SkillIn(IReadOnlyDictionary<string, JsonElement>? metadata) =>
        metadata is not null && metadata.TryGetValue(A2AProtocol.SkillMetadataKey, out var skill) && skill.ValueKind == JsonValueKind.String
            ? skill.GetString()
            : null;

    /// <summary>
    /// The caller's next message continues an interrupted task: it joins the history and the skill works again (the
    /// returned WORKING event is the task's first change on this turn).
    /// </summary>
    public StreamResponse? Continue(Message userMessage, DateTimeOffset now)
    {
        if (!IsInterrupted)
        {
            throw new InvalidOperationException($"Task '{TaskId}' is {Status.State}: only an interrupted task takes another message.");
        }

        _history.Add(userMessage);
        return SetStatus(TaskState.Working, null, now);
    }

    /// <summary>
    /// The skill stopped to wait for the caller: the task is INPUT_REQUIRED or AUTH_REQUIRED with <paramref name="message"/>
    /// (which joins the history), and remembers <paramref name="skillId"/> so that the next message runs the same skill.
    /// </summary>
    public StreamResponse? Interrupt(TaskState state, Message message, string skillId, DateTimeOffset now)
    {
        EnsureRunning();
        if (!state.IsInterrupted())
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "An interruption is INPUT_REQUIRED or AUTH_REQUIRED.");
        }

        if (Encryption is { } encryption)
        {
            message = encryption.Encrypt(message);
        }

        // The skill's own word to the caller: signed like its artifacts.
        if (Provenance is { } sealer)
        {
            message = sealer.Seal(message);
        }

        if (SkillIn(_metadata) != skillId)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStringValue(skillId);
            }

            var metadata = _metadata is null ? new Dictionary<string, JsonElement>(1) : new Dictionary<string, JsonElement>(_metadata);
            metadata[A2AProtocol.SkillMetadataKey] = JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
            _metadata = metadata;
        }

        return SetStatus(state, message, now);
    }

    /// <summary>The skill started working.</summary>
    public StreamResponse? Working(DateTimeOffset now) => SetStatus(TaskState.Working, null, now);

    /// <summary>
    /// The skill produced a part of an artifact (a new artifact, or appended to one). <paramref name="lastChunk"/>: the
    /// artifact is complete; with a <see cref="Provenance"/> sealer it is signed, and this chunk carries the envelope
    /// over the whole assembled artifact (earlier chunks carry none).
    /// </summary>
    public StreamResponse? AddPart(string artifactId, Part part, bool append, bool lastChunk = false)
    {
        EnsureWorking();
        if (Encryption is { } encryption)
        {
            part = encryption.Encrypt(part);
        }

        _artifacts ??= [];
        var builder = _artifacts.Find(a => a.Id == artifactId);
        if (builder is null)
        {
            builder = new ArtifactBuilder(artifactId, []);
            _artifacts.Add(builder);
        }

        builder.Parts.Add(part);
        var sealing = lastChunk && Provenance is not null;
        if (sealing)
        {
            Seal(builder);
        }

        Version++;
        return !_describe ? null : new StreamResponse
        {
            ArtifactUpdate = new TaskArtifactUpdateEvent
            {
                TaskId = TaskId,
                ContextId = ContextId,
                Artifact = new Artifact { ArtifactId = artifactId, Parts = [part], Metadata = sealing ? builder.Metadata : null },
                Append = append,
                LastChunk = sealing,
            },
        };
    }

    /// <summary>The skill produced a whole artifact at once; a lifecycle that does not describe its changes keeps <paramref name="parts"/> as they are.</summary>
    public void AddParts(string artifactId, List<Part> parts)
    {
        if (_describe || _artifacts?.Exists(a => a.Id == artifactId) == true)
        {
            // A whole artifact is one encrypted part (DESIGN §13), not one per part.
            if (Encryption is { } whole)
            {
                parts = whole.Encrypt(parts);
            }

            for (var i = 0; i < parts.Count; i++)
            {
                AddPart(artifactId, parts[i], append: i > 0, lastChunk: i == parts.Count - 1);
            }

            return;
        }

        EnsureWorking();
        var builder = new ArtifactBuilder(artifactId, Encryption is { } encryption ? encryption.Encrypt(parts) : parts);
        if (Provenance is not null)
        {
            Seal(builder);
        }

        (_artifacts ??= []).Add(builder);
        Version++;
    }

    /// <summary>The task reached a final state; <paramref name="message"/> (the agent's word on it) joins the history.</summary>
    public StreamResponse? Finish(TaskState state, Message? message, DateTimeOffset now)
    {
        EnsureRunning();
        if (message is not null && Encryption is { } encryption)
        {
            message = encryption.Encrypt(message);
        }

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
                artifacts[i] = new Artifact { ArtifactId = _artifacts[i].Id, Parts = final ? _artifacts[i].Parts : _artifacts[i].Parts.ToArray(), Metadata = _artifacts[i].Metadata };
            }
        }

        _snapshot = new AgentTask { Id = TaskId, ContextId = ContextId, Status = Status, Artifacts = artifacts, History = final ? _history : _history.ToArray(), Metadata = _metadata };
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

    // Parts come only from a skill that is running: not after the task ended or stopped for the caller.
    private void EnsureWorking()
    {
        EnsureRunning();
        if (IsInterrupted)
        {
            throw new InvalidOperationException($"Task '{TaskId}' is {Status.State}: it waits for the caller's next message.");
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

    // The envelope covers the artifact exactly as the snapshot (and so every reader) shows it: id, parts, metadata.
    private void Seal(ArtifactBuilder builder)
    {
        var signed = Provenance!.Seal(new Artifact { ArtifactId = builder.Id, Parts = builder.Parts.ToArray(), Metadata = builder.Metadata }, TaskId, ContextId);
        builder.Metadata = signed.Metadata;
    }

    private sealed class ArtifactBuilder(string id, List<Part> parts)
    {
        public string Id { get; } = id;

        public List<Part> Parts { get; } = parts;

        /// <summary>The artifact's metadata: its provenance envelope once sealed.</summary>
        public IReadOnlyDictionary<string, JsonElement>? Metadata { get; set; }
    }
}
