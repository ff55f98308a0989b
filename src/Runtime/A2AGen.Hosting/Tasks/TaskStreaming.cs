using System.Threading.Channels;
using A2AGen.Protocol;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// Writes a task's events as an SSE stream: the task first, then every change until the final status. For a task
/// running here the events come from its <see cref="TaskExecution"/>; for one running on another instance (shared
/// store) the store is polled and the changes are sent as status and artifact updates.
/// </summary>
internal static class TaskStreaming
{
    public static async Task WriteAsync(A2ARequest request, TaskExecution execution, TaskSubscription subscription)
    {
        using var events = new ServerSentEventWriter(request);
        try
        {
            await events.WriteAsync(new StreamResponse { Task = subscription.Snapshot }, request.Aborted).ConfigureAwait(false);
            await WriteEventsAsync(request, events, execution, subscription).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (request.Aborted.IsCancellationRequested)
        {
            // The client left: the task goes on (spec §3.5.2); it can resubscribe.
            execution.Unsubscribe(subscription);
            HostingLog.ClientGone(request.Agent.Logger, request.Agent.AgentId, request.Method);
        }
    }

    // The subscription's events as they come, until the execution's turn ends.
    private static async Task WriteEventsAsync(A2ARequest request, ServerSentEventWriter events, TaskExecution execution, TaskSubscription subscription)
    {
        if (subscription.Events is { } reader)
        {
            var keepAlive = request.Agent.Options.StreamKeepAliveInterval;
            while (await WaitToReadAsync(reader, keepAlive, events, request).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    await events.WriteAsync(item, request.Aborted).ConfigureAwait(false);
                    subscription.ReturnCredit(item);
                }
            }
        }

        if (subscription.Dropped)
        {
            await events.WriteErrorAsync(A2AError.Unavailable("STREAM_TOO_SLOW",
                $"This stream fell more than {TaskSubscription.Capacity} events behind task '{execution.TaskId}' and was closed; call SubscribeToTask to continue."),
                request.Aborted).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>SubscribeToTask</c> on an interrupted task with no turn running here and no shared event log: the task first;
    /// then, when its next turn starts on this instance, that turn's events exactly as every other stream of it gets them
    /// (the stream subscribes as the turn is registered, before it runs: STREAM-ORDER-002/003). Until then the store is
    /// polled, so a change made elsewhere (a cancel, a turn on another instance) still reaches the stream.
    /// </summary>
    public static async Task FollowNextTurnAsync(A2ARequest request, TaskRecord record)
    {
        var agent = request.Agent;
        var next = new TaskCompletionSource<(TaskExecution Execution, TaskSubscription Subscription)>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Attach(TaskExecution execution)
        {
            var subscription = execution.Subscribe();
            if (!next.TrySetResult((execution, subscription)))
            {
                execution.Unsubscribe(subscription);
            }
        }

        using var watch = agent.Runner.WatchNext(agent.AgentId, record.TaskId, Attach);
        using var events = new ServerSentEventWriter(request);
        var last = record.Task;
        var consumed = false;
        try
        {
            await events.WriteAsync(new StreamResponse { Task = last }, request.Aborted).ConfigureAwait(false);
            var first = last.Status;
            using var timer = new PeriodicTimer(agent.Options.SharedStorePollInterval, agent.Time);
            var quietSince = agent.Time.GetTimestamp();
            Task<bool>? tick = null;
            while (!Ended(last.Status, first))
            {
                // A turn that was registered before the watch began is followed from here on.
                if (!next.Task.IsCompleted && agent.Runner.Find(agent.AgentId, record.TaskId) is { Finished.IsCompleted: false } running)
                {
                    Attach(running);
                }

                if (next.Task.IsCompleted)
                {
                    var (execution, subscription) = await next.Task.ConfigureAwait(false);
                    consumed = true;
                    try
                    {
                        foreach (var change in Changes(last, subscription.Snapshot))
                        {
                            await events.WriteAsync(change, request.Aborted).ConfigureAwait(false);
                        }

                        await WriteEventsAsync(request, events, execution, subscription).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (request.Aborted.IsCancellationRequested)
                    {
                        execution.Unsubscribe(subscription);
                        throw;
                    }

                    return;
                }

                tick ??= timer.WaitForNextTickAsync(request.Aborted).AsTask();
                await Task.WhenAny(tick, next.Task).ConfigureAwait(false);
                if (!tick.IsCompleted)
                {
                    continue;
                }

                if (!await tick.ConfigureAwait(false))
                {
                    return;
                }

                tick = null;
                var current = (await agent.Store.GetAsync(agent.AgentId, last.Id, request.Aborted).ConfigureAwait(false))?.Task;
                if (current is null)
                {
                    await events.WriteErrorAsync(A2AError.TaskNotFound(last.Id), request.Aborted).ConfigureAwait(false);
                    return;
                }

                // A new turn saved here but not yet registered is left to the watch; anything else is sent as it stands.
                if (!current.Status.State.IsTerminal() && agent.Runner.Find(agent.AgentId, record.TaskId) is null && !current.Status.State.IsInterrupted())
                {
                    await Task.WhenAny(next.Task, Task.Delay(agent.Options.SharedStorePollInterval, agent.Time, request.Aborted)).ConfigureAwait(false);
                    if (next.Task.IsCompleted)
                    {
                        continue;
                    }
                }

                quietSince = await WriteChangesAsync(request, events, last, current, quietSince).ConfigureAwait(false);

                last = current;
            }
        }
        catch (OperationCanceledException) when (request.Aborted.IsCancellationRequested)
        {
            HostingLog.ClientGone(agent.Logger, agent.AgentId, request.Method);
        }
        finally
        {
            // A turn registered as the stream ended must not keep a subscriber nobody reads.
            if (!next.TrySetCanceled() && !consumed && next.Task.IsCompletedSuccessfully)
            {
                next.Task.Result.Execution.Unsubscribe(next.Task.Result.Subscription);
            }
        }
    }

    // Waits for the next event; sends a keep-alive comment each time the stream has been quiet for the interval.
    // The changes from one stored snapshot to the next as stream events, or a keep-alive once the stream has been quiet
    // for the keep-alive interval; returns when the stream last carried something.
    private static async Task<long> WriteChangesAsync(A2ARequest request, ServerSentEventWriter events, AgentTask last, AgentTask current, long quietSince)
    {
        var agent = request.Agent;
        var wrote = false;
        foreach (var change in Changes(last, current))
        {
            await events.WriteAsync(change, request.Aborted).ConfigureAwait(false);
            wrote = true;
        }

        var keepAlive = agent.Options.StreamKeepAliveInterval;
        if (!wrote && keepAlive > TimeSpan.Zero && agent.Time.GetElapsedTime(quietSince) >= keepAlive)
        {
            await events.WriteKeepAliveAsync(request.Aborted).ConfigureAwait(false);
            wrote = true;
        }

        return wrote ? agent.Time.GetTimestamp() : quietSince;
    }

    private static async Task<bool> WaitToReadAsync(ChannelReader<StreamResponse> reader, TimeSpan keepAlive, ServerSentEventWriter events, A2ARequest request)
    {
        if (keepAlive <= TimeSpan.Zero)
        {
            return await reader.WaitToReadAsync(request.Aborted).ConfigureAwait(false);
        }

        while (true)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted);
            quiet.CancelAfter(keepAlive);
            try
            {
                return await reader.WaitToReadAsync(quiet.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!request.Aborted.IsCancellationRequested)
            {
                await events.WriteKeepAliveAsync(request.Aborted).ConfigureAwait(false);
            }
        }
    }

    public static async Task PollAsync(A2ARequest request, TaskRecord record)
    {
        using var events = new ServerSentEventWriter(request);
        try
        {
            await events.WriteAsync(new StreamResponse { Task = record.Task }, request.Aborted).ConfigureAwait(false);
            await PollChangesAsync(request, events, record.Task, record.Task.Status).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (request.Aborted.IsCancellationRequested)
        {
            HostingLog.ClientGone(request.Agent.Logger, request.Agent.AgentId, request.Method);
        }
    }

    /// <summary>Polls the store and writes the changes from <paramref name="last"/> on, until the stream has <see cref="Ended"/> (<paramref name="first"/>: the status the stream began with).</summary>
    internal static async Task PollChangesAsync(A2ARequest request, ServerSentEventWriter events, AgentTask last, A2AGen.Protocol.TaskStatus first)
    {
        var agent = request.Agent;
        using var timer = new PeriodicTimer(agent.Options.SharedStorePollInterval, agent.Time);
        var quietSince = agent.Time.GetTimestamp();
        while (!Ended(last.Status, first) && await timer.WaitForNextTickAsync(request.Aborted).ConfigureAwait(false))
        {
            var current = (await agent.Store.GetAsync(agent.AgentId, last.Id, request.Aborted).ConfigureAwait(false))?.Task;
            if (current is null)
            {
                await events.WriteErrorAsync(A2AError.TaskNotFound(last.Id), request.Aborted).ConfigureAwait(false);
                return;
            }

            quietSince = await WriteChangesAsync(request, events, last, current, quietSince).ConfigureAwait(false);

            last = current;
        }
    }

    // A stream ends with the task's final state, or when it stops for the caller again after the stream began (a stream
    // opened on an interrupted task waits for the next turn).
    internal static bool Ended(A2AGen.Protocol.TaskStatus status, A2AGen.Protocol.TaskStatus first) =>
        status.State.IsTerminal() || (status.State.IsInterrupted() && (status.State != first.State || status.Timestamp != first.Timestamp));

    /// <summary>The events that turn <paramref name="before"/> into <paramref name="after"/>: new artifacts or parts, then the status.</summary>
    internal static IEnumerable<StreamResponse> Changes(AgentTask before, AgentTask after)
    {
        foreach (var artifact in after.Artifacts ?? [])
        {
            var previous = before.Artifacts?.FirstOrDefault(a => a.ArtifactId == artifact.ArtifactId);
            if (previous is null)
            {
                yield return Update(after, artifact, append: false);
            }
            else if (artifact.Parts.Count > previous.Parts.Count)
            {
                yield return Update(after, artifact with { Parts = artifact.Parts.Skip(previous.Parts.Count).ToArray() }, append: true);
            }
        }

        if (after.Status.State != before.Status.State || after.Status.Timestamp != before.Status.Timestamp)
        {
            yield return new StreamResponse
            {
                StatusUpdate = new TaskStatusUpdateEvent { TaskId = after.Id, ContextId = after.ContextId ?? "", Status = after.Status },
            };
        }
    }

    private static StreamResponse Update(AgentTask task, Artifact artifact, bool append) => new()
    {
        ArtifactUpdate = new TaskArtifactUpdateEvent { TaskId = task.Id, ContextId = task.ContextId ?? "", Artifact = artifact, Append = append },
    };
}
