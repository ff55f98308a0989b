using A2AGen.Protocol;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// <c>SubscribeToTask</c> for a task running on another instance, through the shared <see cref="ITaskEventLog"/>: the
/// log is read from its start and folded into the task sent first, then every later event is sent as it is read, until
/// the stream ends as a polled one does (<see cref="TaskStreaming.Ended"/>: a final state, or the task stopping for the
/// caller again after the stream began). Each execution of the task numbers its events from 0,
/// starting with the task itself, so a later turn of a multi-turn task continues the same log. The snapshot and the live events come from one ordered log, so nothing falls between them. A log
/// that does not start with the task (written before the log existed, expired) leaves the task to the store poll; a
/// gap in the numbering (an append that never reached the log) switches the rest of the stream to the store poll.
/// </summary>
internal static class TaskEventFollowing
{
    private const int MaxCatchUpReads = 10_000;

    /// <summary>Streams the task; false (nothing written) when the log cannot be followed.</summary>
    public static async Task<bool> FollowAsync(A2ARequest request, TaskRecord record, ITaskEventLog log)
    {
        var agent = request.Agent;
        var folding = new TaskEventFolding();
        string? position = null;
        long expected = 0;
        for (var read = 0; read < MaxCatchUpReads; read++)
        {
            var batch = await log.ReadAsync(agent.AgentId, record.TaskId, position, TimeSpan.Zero, request.Aborted).ConfigureAwait(false);
            if (batch.Events.Count == 0)
            {
                break;
            }

            foreach (var entry in batch.Events)
            {
                if (!NextInOrder(entry, ref expected) || !folding.Apply(entry.Item))
                {
                    return false;
                }
            }

            position = batch.Position;
        }

        if (folding.Current is not { } snapshot)
        {
            return false;
        }

        using var events = new ServerSentEventWriter(request);
        try
        {
            await events.WriteAsync(new StreamResponse { Task = snapshot }, request.Aborted).ConfigureAwait(false);
            var first = snapshot.Status;
            var keepAlive = agent.Options.StreamKeepAliveInterval;
            var wait = keepAlive > TimeSpan.Zero ? keepAlive : TimeSpan.FromSeconds(5);
            while (!TaskStreaming.Ended(folding.Status!, first))
            {
                TaskEventBatch batch;
                try
                {
                    batch = await log.ReadAsync(agent.AgentId, record.TaskId, position, wait, request.Aborted).ConfigureAwait(false);
                }
                catch (TaskStoreUnavailableException)
                {
                    await events.WriteErrorAsync(A2AError.Unavailable(TaskStoreUnavailableException.Reason,
                        $"The shared state store cannot be reached; call SubscribeToTask for task '{record.TaskId}' again later."), request.Aborted).ConfigureAwait(false);
                    return true;
                }

                if (batch.Events.Count == 0)
                {
                    if (keepAlive > TimeSpan.Zero)
                    {
                        await events.WriteKeepAliveAsync(request.Aborted).ConfigureAwait(false);
                    }

                    continue;
                }

                foreach (var entry in batch.Events)
                {
                    if (!NextInOrder(entry, ref expected))
                    {
                        // An event never reached the log: the store holds the truth from here on.
                        await TaskStreaming.PollChangesAsync(request, events, folding.Current!, first).ConfigureAwait(false);
                        return true;
                    }

                    folding.Apply(entry.Item);
                    await events.WriteAsync(entry.Item, request.Aborted).ConfigureAwait(false);
                    if (TaskStreaming.Ended(folding.Status!, first))
                    {
                        break;
                    }
                }

                position = batch.Position;
            }
        }
        catch (OperationCanceledException) when (request.Aborted.IsCancellationRequested)
        {
            HostingLog.ClientGone(agent.Logger, agent.AgentId, request.Method);
        }

        return true;
    }

    // Events are numbered from 0 per turn of the task: a task event numbered 0 starts the next turn's numbering.
    private static bool NextInOrder(TaskLogEvent entry, ref long expected)
    {
        if (entry.Sequence == expected || (entry.Sequence == 0 && entry.Item.Task is not null))
        {
            expected = entry.Sequence + 1;
            return true;
        }

        return false;
    }
}
