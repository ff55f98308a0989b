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
        catch (OperationCanceledException) when (request.Aborted.IsCancellationRequested)
        {
            // The client left: the task goes on (spec §3.5.2); it can resubscribe.
            execution.Unsubscribe(subscription);
            HostingLog.ClientGone(request.Agent.Logger, request.Agent.AgentId, request.Method);
        }
    }

    // Waits for the next event; sends a keep-alive comment each time the stream has been quiet for the interval.
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
        var keepAlive = agent.Options.StreamKeepAliveInterval;
        var quietSince = agent.Time.GetTimestamp();
        while (!Ended(last.Status, first) && await timer.WaitForNextTickAsync(request.Aborted).ConfigureAwait(false))
        {
            var current = (await agent.Store.GetAsync(agent.AgentId, last.Id, request.Aborted).ConfigureAwait(false))?.Task;
            if (current is null)
            {
                await events.WriteErrorAsync(A2AError.TaskNotFound(last.Id), request.Aborted).ConfigureAwait(false);
                return;
            }

            var wrote = false;
            foreach (var change in Changes(last, current))
            {
                await events.WriteAsync(change, request.Aborted).ConfigureAwait(false);
                wrote = true;
            }

            if (wrote)
            {
                quietSince = agent.Time.GetTimestamp();
            }
            else if (keepAlive > TimeSpan.Zero && agent.Time.GetElapsedTime(quietSince) >= keepAlive)
            {
                await events.WriteKeepAliveAsync(request.Aborted).ConfigureAwait(false);
                quietSince = agent.Time.GetTimestamp();
            }

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
