using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Hosting;

/// <summary>
/// 1.0 results and stream events → their A2A 0.3 shapes (JSON to JSON, after the 1.0 serializer wrote them): a
/// <c>kind</c> on every message, task, part and event; task states in lower case (<c>completed</c>,
/// <c>input-required</c>); roles <c>user</c>/<c>agent</c>; file parts as <c>{kind:"file", file:{bytes|uri}}</c>; the
/// <c>SendMessage</c> result as the task or message itself; status updates with <c>final</c>.
/// </summary>
internal static class V03Responses
{
    /// <summary>Writes a <see cref="JsonNode"/> without reflection.</summary>
    public static readonly JsonTypeInfo<JsonNode> NodeTypeInfo =
        JsonMetadataServices.CreateValueInfo<JsonNode>(new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine() }, JsonMetadataServices.JsonNodeConverter);

    /// <summary>The 0.3 result of <paramref name="operation"/>.</summary>
    public static JsonNode Result<T>(A2AOperation operation, T result, JsonTypeInfo<T> typeInfo)
    {
        var node = JsonSerializer.SerializeToNode(result, typeInfo);
        if (node is not JsonObject value)
        {
            return node ?? JsonValue.Create(0)!;
        }

        return operation switch
        {
            A2AOperation.SendMessage => value["task"] is JsonObject task ? Task(task) : value["message"] is JsonObject message ? Message(message) : value,
            A2AOperation.GetTask or A2AOperation.CancelTask => Task(value),
            A2AOperation.GetExtendedAgentCard => V03Card.FromCard(value),
            _ => value,
        };
    }

    /// <summary>The 0.3 stream event of a 1.0 stream item.</summary>
    public static JsonNode Event(StreamResponse item)
    {
        var node = (JsonObject)JsonSerializer.SerializeToNode(item, A2AJson.GetTypeInfo<StreamResponse>())!;
        if (node["task"] is JsonObject task)
        {
            return Task(task);
        }

        if (node["message"] is JsonObject message)
        {
            return Message(message);
        }

        if (node["statusUpdate"] is JsonObject status)
        {
            var state = item.StatusUpdate!.Status.State;
            var result = Kind("status-update", Detach(status));
            if (result["status"] is JsonObject s)
            {
                Status(s);
            }

            // 0.3 ends a stream with final: true; 1.0 ends it when the task is terminal or interrupted.
            result["final"] = state.IsTerminal() || state is TaskState.InputRequired or TaskState.AuthRequired;
            return result;
        }

        if (node["artifactUpdate"] is JsonObject artifact)
        {
            var result = Kind("artifact-update", Detach(artifact));
            if (result["artifact"] is JsonObject a)
            {
                Artifact(a);
            }

            return result;
        }

        return node;
    }

    private static JsonObject Task(JsonObject task)
    {
        var result = Kind("task", Detach(task));
        if (result["status"] is JsonObject status)
        {
            Status(status);
        }

        Each(result["artifacts"], Artifact);
        if (result["history"] is JsonArray history)
        {
            for (var i = 0; i < history.Count; i++)
            {
                if (history[i] is JsonObject message)
                {
                    history[i] = Message(message);
                }
            }
        }

        return result;
    }

    private static void Status(JsonObject status)
    {
        if (status["state"] is JsonValue state && state.GetValueKind() == JsonValueKind.String)
        {
            status["state"] = State(state.GetValue<string>());
        }

        if (status["message"] is JsonObject message)
        {
            status["message"] = Message(Detach(message));
        }
    }

    /// <summary><c>TASK_STATE_INPUT_REQUIRED</c> → <c>input-required</c>; unspecified → <c>unknown</c>.</summary>
    internal static string State(string state) => state switch
    {
        "TASK_STATE_UNSPECIFIED" => "unknown",
        _ when state.StartsWith("TASK_STATE_", StringComparison.Ordinal) => state["TASK_STATE_".Length..].ToLowerInvariant().Replace('_', '-'),
        _ => state,
    };

    private static JsonObject Message(JsonObject message)
    {
        var result = Kind("message", Detach(message));
        if (result["role"] is JsonValue role && role.GetValueKind() == JsonValueKind.String)
        {
            result["role"] = role.GetValue<string>() == "ROLE_USER" ? "user" : "agent";
        }

        Parts(result);
        return result;
    }

    private static void Artifact(JsonObject artifact) => Parts(artifact);

    private static void Parts(JsonObject owner)
    {
        if (owner["parts"] is not JsonArray parts)
        {
            return;
        }

        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i] is JsonObject part)
            {
                parts[i] = Part(Detach(part));
            }
        }
    }

    private static JsonObject Part(JsonObject part)
    {
        if (part.ContainsKey("text"))
        {
            return Kind("text", part, "filename", "mediaType");
        }

        if (part.ContainsKey("raw") || part.ContainsKey("url"))
        {
            var file = new JsonObject();
            Move(part, "raw", file, "bytes");
            Move(part, "url", file, "uri");
            Move(part, "filename", file, "name");
            Move(part, "mediaType", file, "mimeType");
            var result = Kind("file", part);
            result["file"] = file;
            return result;
        }

        if (part.TryGetPropertyValue("data", out var data))
        {
            if (data is not JsonObject)
            {
                // 0.3 data parts hold objects: other values travel wrapped, flagged as the 0.3 SDKs do.
                part.Remove("data");
                part["data"] = new JsonObject { ["value"] = data };
                var metadata = part["metadata"] as JsonObject ?? new JsonObject();
                metadata[V03Requests.DataPartCompatFlag] = true;
                part["metadata"] = metadata;
            }

            return Kind("data", part, "filename", "mediaType");
        }

        return part;
    }

    private static void Each(JsonNode? array, Action<JsonObject> action)
    {
        if (array is JsonArray items)
        {
            foreach (var item in items)
            {
                if (item is JsonObject value)
                {
                    action(value);
                }
            }
        }
    }

    // A new object with "kind" first, then the properties of source (minus the dropped ones).
    private static JsonObject Kind(string kind, JsonObject source, params string[] drop)
    {
        var result = new JsonObject { ["kind"] = kind };
        foreach (var (name, value) in source.ToArray())
        {
            source.Remove(name);
            if (!drop.Contains(name, StringComparer.Ordinal))
            {
                result[name] = value;
            }
        }

        return result;
    }

    private static JsonObject Detach(JsonObject node)
    {
        switch (node.Parent)
        {
            case JsonObject parent:
                parent.Remove(node.GetPropertyName());
                break;
            case JsonArray array:
                array[node.GetElementIndex()] = null;
                break;
        }

        return node;
    }

    private static void Move(JsonObject from, string name, JsonObject to, string newName)
    {
        if (from.TryGetPropertyValue(name, out var value))
        {
            from.Remove(name);
            to[newName] = value;
        }
    }
}
