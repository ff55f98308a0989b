using System.Text.Json;
using A2AGen.Protocol;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Wire = Lf.A2a.V1;

namespace A2AGen.Hosting;

/// <summary>
/// Maps the hot path's messages between protobuf and A2AGen's protocol records without the ProtoJSON detour of
/// <see cref="ProtoMessages"/>: answers (tasks, messages, stream events) always; a <c>SendMessageRequest</c> when
/// nothing in it needs the JSON reader's care (see <see cref="TryRead"/>), otherwise the caller takes the bridge, so
/// the checks and error messages stay the JSON bindings' own. Both paths produce the same records (tested through
/// binding equivalence).
/// </summary>
internal static class ProtoMapping
{
    // ---- records → protobuf (answers) ----

    public static Wire.SendMessageResponse ToProto(SendMessageResponse response)
    {
        var result = new Wire.SendMessageResponse();
        if (response.Task is { } task)
        {
            result.Task = ToProto(task);
        }
        else if (response.Message is { } message)
        {
            result.Message = ToProto(message);
        }

        return result;
    }

    public static Wire.StreamResponse ToProto(StreamResponse item)
    {
        var result = new Wire.StreamResponse();
        if (item.Task is { } task)
        {
            result.Task = ToProto(task);
        }
        else if (item.Message is { } message)
        {
            result.Message = ToProto(message);
        }
        else if (item.StatusUpdate is { } status)
        {
            var update = new Wire.TaskStatusUpdateEvent { TaskId = status.TaskId, ContextId = status.ContextId, Status = ToProto(status.Status) };
            if (status.Metadata is { } metadata)
            {
                update.Metadata = ToStruct(metadata);
            }

            result.StatusUpdate = update;
        }
        else if (item.ArtifactUpdate is { } artifact)
        {
            var update = new Wire.TaskArtifactUpdateEvent
            {
                TaskId = artifact.TaskId,
                ContextId = artifact.ContextId,
                Artifact = ToProto(artifact.Artifact),
                Append = artifact.Append,
                LastChunk = artifact.LastChunk,
            };
            if (artifact.Metadata is { } metadata)
            {
                update.Metadata = ToStruct(metadata);
            }

            result.ArtifactUpdate = update;
        }

        return result;
    }

    public static Wire.Task ToProto(AgentTask task)
    {
        var result = new Wire.Task { Id = task.Id, ContextId = task.ContextId ?? "", Status = ToProto(task.Status) };
        if (task.Artifacts is { } artifacts)
        {
            foreach (var artifact in artifacts)
            {
                result.Artifacts.Add(ToProto(artifact));
            }
        }

        if (task.History is { } history)
        {
            foreach (var message in history)
            {
                result.History.Add(ToProto(message));
            }
        }

        if (task.Metadata is { } metadata)
        {
            result.Metadata = ToStruct(metadata);
        }

        return result;
    }

    private static Wire.TaskStatus ToProto(Protocol.TaskStatus status)
    {
        var result = new Wire.TaskStatus { State = (Wire.TaskState)(int)status.State };
        if (status.Message is { } message)
        {
            result.Message = ToProto(message);
        }

        if (status.Timestamp is { } timestamp)
        {
            result.Timestamp = Timestamp.FromDateTimeOffset(timestamp);
        }

        return result;
    }

    private static Wire.Artifact ToProto(Artifact artifact)
    {
        var result = new Wire.Artifact { ArtifactId = artifact.ArtifactId, Name = artifact.Name ?? "", Description = artifact.Description ?? "" };
        foreach (var part in artifact.Parts)
        {
            result.Parts.Add(ToProto(part));
        }

        if (artifact.Metadata is { } metadata)
        {
            result.Metadata = ToStruct(metadata);
        }

        if (artifact.Extensions is { } extensions)
        {
            result.Extensions.Add(extensions);
        }

        return result;
    }

    public static Wire.Message ToProto(Message message)
    {
        var result = new Wire.Message
        {
            MessageId = message.MessageId,
            ContextId = message.ContextId ?? "",
            TaskId = message.TaskId ?? "",
            Role = (Wire.Role)(int)message.Role,
        };
        foreach (var part in message.Parts)
        {
            result.Parts.Add(ToProto(part));
        }

        if (message.Metadata is { } metadata)
        {
            result.Metadata = ToStruct(metadata);
        }

        if (message.Extensions is { } extensions)
        {
            result.Extensions.Add(extensions);
        }

        if (message.ReferenceTaskIds is { } references)
        {
            result.ReferenceTaskIds.Add(references);
        }

        return result;
    }

    private static Wire.Part ToProto(Part part)
    {
        var result = new Wire.Part { Filename = part.Filename ?? "", MediaType = part.MediaType ?? "" };
        if (part.Text is { } text)
        {
            result.Text = text;
        }
        else if (part.Raw is { } raw)
        {
            result.Raw = ByteString.CopyFrom(raw);
        }
        else if (part.Url is { } url)
        {
            result.Url = url;
        }
        else if (part.Data is { } data)
        {
            result.Data = ToValue(data);
        }

        if (part.Metadata is { } metadata)
        {
            result.Metadata = ToStruct(metadata);
        }

        return result;
    }

    private static Struct ToStruct(IReadOnlyDictionary<string, JsonElement> fields)
    {
        var result = new Struct();
        foreach (var (key, value) in fields)
        {
            result.Fields[key] = ToValue(value);
        }

        return result;
    }

    private static Value ToValue(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var fields = new Struct();
                foreach (var property in value.EnumerateObject())
                {
                    fields.Fields[property.Name] = ToValue(property.Value);
                }

                return Value.ForStruct(fields);
            case JsonValueKind.Array:
                var list = new ListValue();
                foreach (var item in value.EnumerateArray())
                {
                    list.Values.Add(ToValue(item));
                }

                return new Value { ListValue = list };
            case JsonValueKind.String:
                return Value.ForString(value.GetString()!);
            case JsonValueKind.Number:
                return Value.ForNumber(value.GetDouble());
            case JsonValueKind.True:
                return Value.ForBool(true);
            case JsonValueKind.False:
                return Value.ForBool(false);
            default:
                return Value.ForNull();
        }
    }

    // ---- protobuf → records (the SendMessage request) ----

    /// <summary>
    /// Reads a <c>SendMessageRequest</c> whose message carries only text, raw and URL parts and no metadata, extensions
    /// or push configuration — the common case; false for anything else (structured values go through the JSON reader,
    /// which owns their checks and limits).
    /// </summary>
    public static bool TryRead(Wire.SendMessageRequest request, out SendMessageRequest? result)
    {
        result = null;
        if (request.Metadata is not null || request.Configuration?.TaskPushNotificationConfig is not null)
        {
            return false;
        }

        Message? message = null;
        if (request.Message is { } wire)
        {
            if (wire.Metadata is not null || wire.Extensions.Count > 0 || wire.ReferenceTaskIds.Count > 0 || !System.Enum.IsDefined(wire.Role))
            {
                return false;
            }

            var parts = new Part[wire.Parts.Count];
            for (var i = 0; i < parts.Length; i++)
            {
                var part = wire.Parts[i];
                if (part.Metadata is not null || part.ContentCase is Wire.Part.ContentOneofCase.Data or Wire.Part.ContentOneofCase.None)
                {
                    return false;
                }

                parts[i] = new Part
                {
                    Text = part.ContentCase == Wire.Part.ContentOneofCase.Text ? part.Text : null,
                    Raw = part.ContentCase == Wire.Part.ContentOneofCase.Raw ? part.Raw.ToByteArray() : null,
                    Url = part.ContentCase == Wire.Part.ContentOneofCase.Url ? part.Url : null,
                    Filename = NullIfEmpty(part.Filename),
                    MediaType = NullIfEmpty(part.MediaType),
                };
            }

            message = new Message
            {
                MessageId = wire.MessageId,
                ContextId = NullIfEmpty(wire.ContextId),
                TaskId = NullIfEmpty(wire.TaskId),
                Role = (Role)(int)wire.Role,
                Parts = parts,
            };
        }

        SendMessageConfiguration? configuration = null;
        if (request.Configuration is { } settings)
        {
            configuration = new SendMessageConfiguration
            {
                AcceptedOutputModes = settings.AcceptedOutputModes.Count == 0 ? null : [.. settings.AcceptedOutputModes],
                HistoryLength = settings.HasHistoryLength ? settings.HistoryLength : null,
                ReturnImmediately = settings.ReturnImmediately,
            };
        }

        result = new SendMessageRequest { Tenant = NullIfEmpty(request.Tenant), Message = message, Configuration = configuration };
        return true;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
