using A2AGen.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// A task running on this instance: it owns the task's <see cref="TaskLifecycle"/>, publishes each change to the task's streams in order,
/// saves the latest state to the store (coalesced while running, awaited when the task finishes, so a stored task
/// never goes back to an older state), and stops the skill through its cancellation token. One execution is one turn
/// of the skill: it ends when the task reaches a final state or stops for the caller (INPUT_REQUIRED, AUTH_REQUIRED);
/// the caller's next message starts another execution over the resumed lifecycle. With an
/// <see cref="IRevisionedTaskStore"/> each save is conditional on the revision this instance last wrote: a task another
/// instance finished meanwhile (a <c>CancelTask</c> there) is not overwritten but ends here as stored. With an
/// <see cref="ITaskEventLog"/> every event also goes to the shared log, numbered per execution, in the same order.
/// </summary>
internal sealed class TaskExecution
{
    private static readonly TimeSpan SaveThrottle = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();
    private readonly SemaphoreSlim _saveLock = new(1, 1);
    private readonly CancellationTokenSource _cts = new();
    private readonly TaskCompletionSource _finishedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly AgentHost _agent;
    private readonly TaskLifecycle _task;
    private readonly bool _continued;
    private List<TaskSubscription>? _subscribers;
    private TaskSubscription? _primary;
    private long _savedVersion;
    private long _revision;
    private long _sequence;
    private AgentTask? _storedFinal;
    private bool _finished;
    private bool _stopping;
    private int _saveLoopRunning;
    private volatile bool _saveRequested;

    public TaskExecution(AgentHost agent, SkillDescriptor skill, string taskId, string contextId, Message userMessage, string? ownerId)
    {
        _agent = agent;
        Skill = skill;
        TaskId = taskId;
        ContextId = contextId;
        OwnerId = ownerId;
        _task = new TaskLifecycle(taskId, contextId, userMessage, agent.Time.GetUtcNow());
    }

    /// <summary>Another turn of an interrupted task: <paramref name="continued"/> has taken the caller's message (<see cref="TaskLifecycle.Continue"/>).</summary>
    public TaskExecution(AgentHost agent, SkillDescriptor skill, TaskLifecycle continued, string? ownerId)
    {
        _agent = agent;
        Skill = skill;
        TaskId = continued.TaskId;
        ContextId = continued.ContextId;
        OwnerId = ownerId;
        _task = continued;
        _continued = true;
    }

    /// <summary>The conversation as the skill starts (its <see cref="SkillContext.History"/>).</summary>
    public IReadOnlyList<Message> History
    {
        get
        {
            lock (_gate)
            {
                return _task.History.ToArray();
            }
        }
    }

    public string TaskId { get; }

    public string ContextId { get; }

    public string? OwnerId { get; }

    public SkillDescriptor Skill { get; }

    /// <summary>Signs this turn's artifacts and status messages (set before <see cref="Start"/> for a <see cref="ProvenanceAttribute"/> skill).</summary>
    public ProvenanceSealer? Provenance
    {
        get => _task.Provenance;
        set
        {
            lock (_gate)
            {
                _task.Provenance = value;
            }
        }
    }

    /// <summary>Encrypts this turn's answer to the sender of an encrypted request (set before <see cref="Start"/>), or null.</summary>
    public RequestEncryption? Encryption
    {
        get => _task.Encryption;
        set
        {
            lock (_gate)
            {
                _task.Encryption = value;
            }
        }
    }

    public string AgentId => _agent.AgentId;

    /// <summary>Canceled by <c>CancelTask</c> or when the host stops.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>Completes when the task reached a final state.</summary>
    public Task Finished => _finishedSignal.Task;

    public AgentTask Snapshot()
    {
        lock (_gate)
        {
            return SnapshotLocked();
        }
    }

    /// <summary>
    /// Subscribes a stream. <paramref name="holdsBackProducer"/>: the stream that started the task, which the skill's
    /// stream waits for rather than outrun.
    /// </summary>
    public TaskSubscription Subscribe(bool holdsBackProducer = false)
    {
        lock (_gate)
        {
            var subscription = new TaskSubscription(SnapshotLocked(), _finished, holdsBackProducer);
            if (!_finished)
            {
                (_subscribers ??= []).Add(subscription);
                if (holdsBackProducer)
                {
                    _primary = subscription;
                }
            }

            return subscription;
        }
    }

    public void Unsubscribe(TaskSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers?.Remove(subscription);
            if (ReferenceEquals(_primary, subscription))
            {
                _primary = null;
            }
        }

        subscription.Channel?.Writer.TryComplete();
        subscription.ReleaseProducer();
    }

    /// <summary>Saves the submitted task before anyone learns its id; store errors (a full store) propagate.</summary>
    public async Task SaveInitialAsync(CancellationToken cancellationToken)
    {
        AgentTask snapshot;
        long version;
        lock (_gate)
        {
            snapshot = SnapshotLocked();
            version = _task.Version;
        }

        if (_agent.Store is IRevisionedTaskStore revisioned)
        {
            var saved = await revisioned.TrySaveAsync(Record(snapshot), 0, _agent.Options.TaskTimeToLive, cancellationToken).ConfigureAwait(false);
            if (saved is null
                && await revisioned.GetRevisionAsync(AgentId, TaskId, cancellationToken).ConfigureAwait(false) is { } stored
                && string.Equals(stored.Record.OwnerId, OwnerId, StringComparison.Ordinal) && !stored.Record.Task.Status.State.IsTerminal())
            {
                // The task is stored already (another turn of it): this execution continues it from the revision read.
                saved = await revisioned.TrySaveAsync(Record(snapshot), stored.Revision, _agent.Options.TaskTimeToLive, cancellationToken).ConfigureAwait(false);
            }

            _revision = saved ?? throw new InvalidOperationException($"Task '{TaskId}' of agent '{AgentId}' is stored already and changed meanwhile.");
        }
        else
        {
            await _agent.Store.SaveAsync(Record(snapshot), _agent.Options.TaskTimeToLive, cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            _savedVersion = Math.Max(_savedVersion, version);
            AppendLocked(new StreamResponse { Task = snapshot });
        }
    }

    /// <summary>Runs the skill to its end in the background; <paramref name="dispatch"/> has already been started.</summary>
    public void Start(ValueTask<SkillResult> dispatch, AsyncServiceScope scope) => _ = Task.Run(() => RunAsync(dispatch, scope));

    /// <summary>Cancels at a client's request. False when the task had already finished.</summary>
    public async Task<bool> TryCancelAsync(string how)
    {
        var canceled = await CompleteAsync(TaskState.Canceled, Message.AgentText("The task was canceled at the client's request.", ContextId, TaskId)).ConfigureAwait(false);
        if (canceled)
        {
            HostingLog.TaskCanceled(_agent.Logger, AgentId, TaskId, how);
            _cts.Cancel();
        }

        return canceled;
    }

    /// <summary>The host is stopping: the skill is told to stop, and the task ends as failed.</summary>
    public void Stop()
    {
        _stopping = true;
        _cts.Cancel();
    }

    private async Task RunAsync(ValueTask<SkillResult> dispatch, AsyncServiceScope scope)
    {
        var poll = _agent.Store.IsShared ? PollForRemoteCancellationAsync() : Task.CompletedTask;
        try
        {
            if (!_continued)
            {
                Publish(static (self, now) => self._task.Working(now)!);
            }

            var result = await dispatch.ConfigureAwait(false);
            if (result.Interruption is { } interruption)
            {
                await CompleteAsync(interruption, SkillOutput.StatusMessage(result, ContextId, TaskId)).ConfigureAwait(false);
                return;
            }

            await EmitAsync(result).ConfigureAwait(false);
            await CompleteAsync(TaskState.Completed, null).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            if (_stopping)
            {
                await CompleteAsync(TaskState.Failed, Message.AgentText("The server stopped before the task finished.", ContextId, TaskId)).ConfigureAwait(false);
            }
        }
        catch (SkillBindingException ex)
        {
            await CompleteAsync(TaskState.Failed, Message.AgentText($"The message does not fit skill '{Skill.Id}': params.{ex.Field}: {ex.Message}", ContextId, TaskId)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var correlationId = CorrelationIds.New();
            HostingLog.SkillFailed(_agent.Logger, ex, AgentId, Skill.Id, TaskId, correlationId);
            await CompleteAsync(TaskState.Failed, Message.AgentText($"The skill failed; correlation id {correlationId}.", ContextId, TaskId)).ConfigureAwait(false);
        }
        finally
        {
            // The skill is done (or abandoned): stop the cancellation poll, release the scope, leave the registry.
            await CompleteAsync(TaskState.Failed, Message.AgentText("The task ended without a result.", ContextId, TaskId)).ConfigureAwait(false);
            _cts.Cancel();
            await poll.ConfigureAwait(false);
            _agent.Runner.Remove(this);
            await scope.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task EmitAsync(SkillResult result)
    {
        switch (result.Kind)
        {
            case SkillOutputKind.Text:
                AddPart(TaskIds.NewId(), Part.FromText(result.Text ?? ""), append: false, lastChunk: true);
                break;
            case SkillOutputKind.Data when result.Data is { } data:
                AddPart(TaskIds.NewId(), Part.FromData(data), append: false, lastChunk: true);
                break;
            case SkillOutputKind.Message when result.Message is { } message:
                var id = TaskIds.NewId();
                var parts = message.Parts;
                if (Encryption is { } encryption && parts.Count > 1)
                {
                    // A whole artifact is one encrypted part (DESIGN §13); each part is checked while still readable.
                    foreach (var part in parts)
                    {
                        CheckWritable(part);
                    }

                    parts = encryption.Encrypt(parts);
                }

                for (var i = 0; i < parts.Count; i++)
                {
                    AddPart(id, parts[i], append: i > 0, lastChunk: i == parts.Count - 1);
                }

                break;
            case SkillOutputKind.Stream when result.Stream is { } stream:
                await EmitStreamAsync(stream).ConfigureAwait(false);
                break;
        }
    }

    // A signed stream holds each part back until the next one arrives (or the stream ends), so that its last chunk can
    // carry the envelope over the whole artifact with lastChunk set; an unsigned stream sends each part at once.
    private async Task EmitStreamAsync(IAsyncEnumerable<Part> stream)
    {
        var artifactId = TaskIds.NewId();
        var signs = Provenance is not null;
        var sent = 0;
        Part? held = null;
        await foreach (var part in stream.WithCancellation(_cts.Token).ConfigureAwait(false))
        {
            if (Volatile.Read(ref _primary) is { } primary)
            {
                await primary.TakeCreditAsync(_cts.Token).ConfigureAwait(false);
            }

            if (!signs)
            {
                AddPart(artifactId, part, append: sent++ > 0, lastChunk: false);
                continue;
            }

            if (held is not null)
            {
                AddPart(artifactId, held, append: sent++ > 0, lastChunk: false);
            }

            held = part;
        }

        if (held is not null)
        {
            AddPart(artifactId, held, append: sent > 0, lastChunk: true);
        }
    }

    private void AddPart(string artifactId, Part part, bool append, bool lastChunk)
    {
        CheckWritable(part);
        Publish((self, _) => self._task.AddPart(artifactId, part, append, lastChunk)!);
    }

    // Checked before it is published or stored: a value no writer can write would poison the task.
    private static void CheckWritable(Part part)
    {
        if (SkillOutput.FindUnwritable(part, 0) is { } path)
        {
            throw new UnwritableSkillOutputException("artifact " + path);
        }
    }

    /// <summary>Applies a non-final change and sends its event to every stream; a stream too far behind is cut off.</summary>
    private void Publish(Func<TaskExecution, DateTimeOffset, StreamResponse> change)
    {
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            var item = change(this, _agent.Time.GetUtcNow());
            AppendLocked(item);
            if (_subscribers is { Count: > 0 } subscribers)
            {
                for (var i = subscribers.Count - 1; i >= 0; i--)
                {
                    var subscriber = subscribers[i];
                    var behind = !subscriber.HoldsBackProducer && subscriber.Channel!.Reader.Count >= TaskSubscription.Capacity;
                    if (behind || !subscriber.Channel!.Writer.TryWrite(item))
                    {
                        subscriber.Dropped = true;
                        subscriber.Channel!.Writer.TryComplete();
                        subscribers.RemoveAt(i);
                        HostingLog.SubscriberTooSlow(_agent.Logger, AgentId, TaskId, TaskSubscription.Capacity);
                    }
                }
            }
        }

        RequestSave();
    }

    /// <summary>
    /// Ends this turn once (the first caller wins: completion, interruption, cancellation or failure): moves the task to
    /// a final or interrupted state, saves it, then sends that status to every stream and closes them.
    /// </summary>
    private async Task<bool> CompleteAsync(TaskState state, Message? statusMessage)
    {
        List<TaskSubscription>? subscribers;
        StreamResponse final;
        lock (_gate)
        {
            if (_finished)
            {
                return false;
            }

            _finished = true;
            final = state.IsInterrupted()
                ? _task.Interrupt(state, statusMessage!, Skill.Id, _agent.Time.GetUtcNow())!
                : _task.Finish(state, statusMessage, _agent.Time.GetUtcNow())!;
            subscribers = _subscribers;
            _subscribers = null;
            _primary = null;
        }

        if (await SaveLatestAsync().ConfigureAwait(false) is { } stored)
        {
            // Another instance finished the task first (CancelTask there): its outcome is the one stored and told.
            final = FinalEvent(stored);
            lock (_gate)
            {
                _storedFinal = stored;
            }

            HostingLog.TaskFinishedElsewhere(_agent.Logger, AgentId, TaskId, TaskStateNames.Of(stored.Status.State));
        }

        lock (_gate)
        {
            AppendLocked(final);
        }

        CloseStreams(subscribers, final);
        return true;
    }

    // A save found the task finished by another instance while it ran here: end it here as stored, without writing.
    private void FinishAsStored(AgentTask stored)
    {
        List<TaskSubscription>? subscribers;
        var final = FinalEvent(stored);
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            _storedFinal = stored;
            subscribers = _subscribers;
            _subscribers = null;
            _primary = null;
            AppendLocked(final);
        }

        HostingLog.TaskFinishedElsewhere(_agent.Logger, AgentId, TaskId, TaskStateNames.Of(stored.Status.State));
        _cts.Cancel();
        CloseStreams(subscribers, final);
    }

    private void CloseStreams(List<TaskSubscription>? subscribers, StreamResponse final)
    {
        // Signalled before the streams end: a client that answers an interruption as soon as its stream closes finds
        // this turn over, so the next turn can take its place in the runner.
        _finishedSignal.TrySetResult();
        if (subscribers is not null)
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Channel!.Writer.TryWrite(final);
                subscriber.Channel.Writer.TryComplete();
            }
        }
    }

    private static StreamResponse FinalEvent(AgentTask stored) => new()
    {
        StatusUpdate = new TaskStatusUpdateEvent { TaskId = stored.Id, ContextId = stored.ContextId ?? "", Status = stored.Status },
    };

    // Under the gate, so the shared log and the webhooks get the events in the order the streams do.
    private void AppendLocked(StreamResponse item)
    {
        _agent.NotifyPush(TaskId, item);
        if (_agent.Events is { } log)
        {
            try
            {
                log.Append(AgentId, TaskId, _sequence, item, _agent.Options.TaskTimeToLive);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                HostingLog.TaskSaveFailed(_agent.Logger, ex, AgentId, TaskId);
            }

            _sequence++;
        }
    }

    private void RequestSave()
    {
        _saveRequested = true;
        if (Interlocked.CompareExchange(ref _saveLoopRunning, 1, 0) == 0)
        {
            _ = SaveLoopAsync();
        }
    }

    // Saves while the task runs are coalesced: at most one every SaveThrottle, always of the newest state.
    private async Task SaveLoopAsync()
    {
        try
        {
            while (_saveRequested)
            {
                _saveRequested = false;
                if (await SaveLatestAsync().ConfigureAwait(false) is { } stored)
                {
                    FinishAsStored(stored);
                    return;
                }

                await Task.Delay(SaveThrottle, _agent.Time).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _saveLoopRunning, 0);
            if (_saveRequested)
            {
                RequestSave();
            }
        }
    }

    /// <summary>Saves the newest state; returns the stored task instead when another instance has finished it.</summary>
    private async Task<AgentTask?> SaveLatestAsync()
    {
        await _saveLock.WaitAsync().ConfigureAwait(false);
        try
        {
            AgentTask snapshot;
            long version;
            lock (_gate)
            {
                if (_savedVersion >= _task.Version)
                {
                    return null;
                }

                snapshot = SnapshotLocked();
                version = _task.Version;
            }

            if (_agent.Store is IRevisionedTaskStore revisioned)
            {
                var saved = await revisioned.TrySaveAsync(Record(snapshot), _revision, _agent.Options.TaskTimeToLive, CancellationToken.None).ConfigureAwait(false);
                if (saved is null)
                {
                    var current = await revisioned.GetRevisionAsync(AgentId, TaskId, CancellationToken.None).ConfigureAwait(false);
                    if (current is { } other && other.Record.Task.Status.State.IsTerminal())
                    {
                        return other.Record.Task;
                    }

                    // Changed but still running (or expired): this instance runs the task, so its state stands.
                    saved = await revisioned.TrySaveAsync(Record(snapshot), current?.Revision ?? 0, _agent.Options.TaskTimeToLive, CancellationToken.None).ConfigureAwait(false);
                    if (saved is null)
                    {
                        return null;
                    }
                }

                _revision = saved.Value;
            }
            else
            {
                await _agent.Store.SaveAsync(Record(snapshot), _agent.Options.TaskTimeToLive, CancellationToken.None).ConfigureAwait(false);
            }

            lock (_gate)
            {
                _savedVersion = Math.Max(_savedVersion, version);
            }
        }
        catch (Exception ex)
        {
            HostingLog.TaskSaveFailed(_agent.Logger, ex, AgentId, TaskId);
        }
        finally
        {
            _saveLock.Release();
        }

        return null;
    }

    // With a shared store, CancelTask may arrive at another instance: it leaves a cancellation request in the store.
    private async Task PollForRemoteCancellationAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(_agent.Options.SharedStorePollInterval, _agent.Time);
            while (await timer.WaitForNextTickAsync(_cts.Token).ConfigureAwait(false))
            {
                try
                {
                    if (await _agent.Store.IsCancellationRequestedAsync(AgentId, TaskId, _cts.Token).ConfigureAwait(false))
                    {
                        await TryCancelAsync("through another instance").ConfigureAwait(false);
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    HostingLog.CancellationPollFailed(_agent.Logger, ex, AgentId, TaskId);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private TaskRecord Record(AgentTask snapshot) => new() { AgentId = AgentId, OwnerId = OwnerId, Task = snapshot };

    private AgentTask SnapshotLocked() => _storedFinal ?? _task.Snapshot();
}
