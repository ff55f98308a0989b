using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace A2AGen.Hosting.Redis;

/// <summary>
/// Task events in Redis Streams: one stream per task (<c>XADD</c> of the event's number and ProtoJSON, expiring with the
/// task), read with <c>XRANGE</c>; a <c>PUBLISH</c> on the task's channel after each append wakes followers on other
/// instances instead of having them poll. Appends are sent without waiting, in the task's order, on the one connection;
/// one that is lost (Redis unreachable) leaves a gap in the numbering, which followers detect and bridge by reading the
/// task store. Thread-safe.
/// </summary>
public sealed partial class RedisTaskEventLog : ITaskEventLog
{
    private const int ReadCount = 512;
    private static readonly RedisValue SequenceField = "s";
    private static readonly RedisValue EventField = "e";

    private readonly A2ARedisConnection _redis;
    private readonly ILogger _logger;

    /// <summary>Creates the log.</summary>
    /// <param name="redis">The shared connection.</param>
    /// <param name="logger">Where lost appends are reported.</param>
    public RedisTaskEventLog(A2ARedisConnection redis, ILogger<RedisTaskEventLog> logger)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(logger);
        _redis = redis;
        _logger = logger;
    }

    /// <inheritdoc />
    public void Append(string agentId, string taskId, long sequence, StreamResponse item, TimeSpan timeToLive)
    {
        ArgumentNullException.ThrowIfNull(item);
        var key = StreamKey(agentId, taskId);
        try
        {
            // Fire-and-forget keeps the producer from waiting; the commands still go out in the order they are issued.
            var database = _redis.Database;
            database.StreamAdd(key, [new NameValueEntry(SequenceField, sequence), new NameValueEntry(EventField, A2AJson.SerializeToUtf8Bytes(item))], flags: CommandFlags.FireAndForget);
            database.KeyExpire(key, timeToLive, CommandFlags.FireAndForget);
            _redis.Multiplexer.GetSubscriber().Publish(Channel(agentId, taskId), sequence, CommandFlags.FireAndForget);
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            AppendLost(_logger, agentId, taskId, sequence);
        }
    }

    /// <inheritdoc />
    public async ValueTask<TaskEventBatch> ReadAsync(string agentId, string taskId, string? position, TimeSpan wait, CancellationToken cancellationToken)
    {
        var key = StreamKey(agentId, taskId);
        try
        {
            var batch = await RangeAsync(key, position, cancellationToken).ConfigureAwait(false);
            if (batch.Events.Count > 0 || wait <= TimeSpan.Zero)
            {
                return batch;
            }

            // Subscribe, then look again (an append between the two reads is not missed), then wait for a wake-up.
            var woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var channel = Channel(agentId, taskId);
            var subscriber = _redis.Multiplexer.GetSubscriber();
            Action<RedisChannel, RedisValue> handler = (_, _) => woken.TrySetResult();
            await subscriber.SubscribeAsync(channel, handler).WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                batch = await RangeAsync(key, position, cancellationToken).ConfigureAwait(false);
                if (batch.Events.Count > 0)
                {
                    return batch;
                }

                try
                {
                    await woken.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Nothing new within the wait; the caller sends a keep-alive.
                }

                return await RangeAsync(key, position, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _ = subscriber.UnsubscribeAsync(channel, handler, CommandFlags.FireAndForget);
            }
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw A2ARedisConnection.Unavailable("read task events", e);
        }
    }

    private async Task<TaskEventBatch> RangeAsync(RedisKey key, string? position, CancellationToken cancellationToken)
    {
        var entries = await _redis.Database.StreamRangeAsync(key, position is null ? "-" : "(" + position, "+", ReadCount)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        if (entries.Length == 0)
        {
            return new TaskEventBatch([], position);
        }

        var events = new List<TaskLogEvent>(entries.Length);
        foreach (var entry in entries)
        {
            var sequence = entry[SequenceField];
            var json = entry[EventField];
            if (!sequence.TryParse(out long number) || json.IsNull || A2AJson.Deserialize<StreamResponse>((byte[])json!) is not { } item)
            {
                // An entry this version cannot read is skipped: the follower sees a gap in the numbering and reads the store.
                continue;
            }

            events.Add(new TaskLogEvent(number, item));
        }

        return new TaskEventBatch(events, entries[^1].Id.ToString());
    }

    private RedisKey StreamKey(string agentId, string taskId) => _redis.AgentKey(agentId, "events", taskId);

    private RedisChannel Channel(string agentId, string taskId) => RedisChannel.Literal(_redis.AgentKey(agentId, "events", taskId).ToString());

    [LoggerMessage(1500, LogLevel.Warning, "A2A agent {AgentId}: event {Sequence} of task {TaskId} could not be sent to Redis; followers on other instances read the store from there")]
    private static partial void AppendLost(ILogger logger, string agentId, string taskId, long sequence);
}
