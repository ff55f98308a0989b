using System.Buffers;
using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// Tasks in an <see cref="IDistributedCache"/>, shared by every instance that uses the same cache: one entry per
/// task (its owner and its ProtoJSON), expiring after the time to live given on each save, and one entry per
/// cancellation request, which the instance running the task polls. An <see cref="IDistributedCache"/> cannot
/// enumerate its keys, so <see cref="ListAsync"/> is not supported (the agent answers <c>ListTasks</c> with -32004);
/// implement <see cref="ITaskStore"/> over a database for that.
/// </summary>
public sealed class DistributedCacheTaskStore : ITaskStore
{
    private const int FormatVersion = 1;

    private static readonly byte[] CancellationMarker = [1];

    private readonly IDistributedCache _cache;
    private readonly string _prefix;

    /// <summary>Creates the store over the application's distributed cache.</summary>
    /// <param name="cache">The shared cache.</param>
    /// <param name="options">Key prefix.</param>
    public DistributedCacheTaskStore(IDistributedCache cache, IOptions<DistributedCacheTaskStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        _cache = cache;
        _prefix = options.Value.KeyPrefix ?? "";
    }

    /// <inheritdoc />
    public bool IsShared => true;

    /// <inheritdoc />
    public async ValueTask<TaskRecord?> GetAsync(string agentId, string taskId, CancellationToken cancellationToken)
    {
        var bytes = await _cache.GetAsync(TaskKey(agentId, taskId), cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : Read(agentId, bytes);
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(TaskRecord record, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _cache.SetAsync(
            TaskKey(record.AgentId, record.TaskId),
            Write(record),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = timeToLive },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: a distributed cache cannot enumerate tasks.</exception>
    public ValueTask<TaskListPage> ListAsync(string agentId, TaskListQuery query, CancellationToken cancellationToken) =>
        throw new NotSupportedException("ListTasks needs a task store that can enumerate tasks; the IDistributedCache task store cannot.");

    /// <inheritdoc />
    public async ValueTask RequestCancellationAsync(string agentId, string taskId, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        await _cache.SetAsync(
            CancellationKey(agentId, taskId),
            CancellationMarker,
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = timeToLive },
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<bool> IsCancellationRequestedAsync(string agentId, string taskId, CancellationToken cancellationToken) =>
        await _cache.GetAsync(CancellationKey(agentId, taskId), cancellationToken).ConfigureAwait(false) is not null;

    private string TaskKey(string agentId, string taskId) => string.Concat(_prefix, "task:", agentId, ":", taskId);

    private string CancellationKey(string agentId, string taskId) => string.Concat(_prefix, "cancel:", agentId, ":", taskId);

    // {"v":1,"owner":"user:alice","task":{…ProtoJSON…}}
    private static byte[] Write(TaskRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v"u8, FormatVersion);
            if (record.OwnerId is not null)
            {
                writer.WriteString("owner"u8, record.OwnerId);
            }

            writer.WritePropertyName("task"u8);
            A2AJson.Serialize(writer, record.Task);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static TaskRecord? Read(string agentId, byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (!root.TryGetProperty("v"u8, out var version) || version.GetInt32() != FormatVersion || !root.TryGetProperty("task"u8, out var taskElement))
            {
                return null;
            }

            var task = A2AJson.Deserialize<AgentTask>(taskElement);
            if (task is null)
            {
                return null;
            }

            var owner = root.TryGetProperty("owner"u8, out var ownerElement) ? ownerElement.GetString() : null;
            return new TaskRecord { AgentId = agentId, OwnerId = owner, Task = task };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // An entry this version cannot read is treated as absent rather than failing the request.
            return null;
        }
    }
}
