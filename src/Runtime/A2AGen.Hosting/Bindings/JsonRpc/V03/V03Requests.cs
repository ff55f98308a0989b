using System.Text.Json;
using System.Text.Json.Nodes;

namespace A2AGen.Hosting;

/// <summary>
/// A2A 0.3 JSON-RPC params → their 1.0 form (JSON to JSON), which the binding then reads exactly as a 1.0 request's:
/// <c>kind</c> discriminators dropped, roles <c>user</c>/<c>agent</c> → <c>ROLE_USER</c>/<c>ROLE_AGENT</c>, parts
/// <c>{kind:"file", file:{bytes|uri, name, mimeType}}</c> → <c>raw</c>/<c>url</c> + <c>filename</c>/<c>mediaType</c>,
/// <c>configuration.blocking: false</c> → <c>returnImmediately</c>, <c>pushNotificationConfig</c> →
/// <c>taskPushNotificationConfig</c>. Only the shape changes: every check is the 1.0 reader's and the operation's.
/// </summary>
internal static class V03Requests
{
    /// <summary>The metadata flag with which 0.3 peers wrap a data part whose value is not an object.</summary>
    public const string DataPartCompatFlag = "data_part_compat";

    /// <summary>Translates <paramref name="parameters"/> of <paramref name="operation"/>; the result is undefined when absent.</summary>
    public static A2AError? Translate(A2AOperation operation, JsonElement parameters, out JsonElement translated)
    {
        translated = parameters;
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            return null; // absent or null: the 1.0 reader reports it
        }

        var node = JsonObject.Create(parameters)!;
        A2AError? error = operation switch
        {
            A2AOperation.SendMessage or A2AOperation.SendStreamingMessage => SendParams(node),
            A2AOperation.GetTask => Keep(node, "id", "historyLength"),
            A2AOperation.CancelTask => Keep(node, "id", "metadata"),
            A2AOperation.SubscribeToTask => Keep(node, "id"),
            _ => null,
        };
        if (error is null)
        {
            translated = ToElement(node);
        }

        return error;
    }

    private static A2AError? Keep(JsonObject node, params string[] names)
    {
        foreach (var name in node.Select(static p => p.Key).ToArray())
        {
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                node.Remove(name);
            }
        }

        return null;
    }

    private static A2AError? SendParams(JsonObject node)
    {
        if (node["message"] is JsonObject message && Message(message, "params.message") is { } error)
        {
            return error;
        }

        if (node["configuration"] is JsonObject configuration)
        {
            if (configuration["blocking"] is JsonValue blocking && blocking.GetValueKind() == JsonValueKind.False)
            {
                configuration["returnImmediately"] = true;
            }

            configuration.Remove("blocking");
            if (configuration["pushNotificationConfig"] is { } push)
            {
                configuration.Remove("pushNotificationConfig");
                configuration["taskPushNotificationConfig"] = PushConfig(push);
            }
        }

        return null;
    }

    /// <summary>Rewrites a 0.3 message in place into its 1.0 form.</summary>
    public static A2AError? Message(JsonObject message, string path)
    {
        message.Remove("kind");
        if (message["role"] is JsonValue role && role.GetValueKind() == JsonValueKind.String)
        {
            switch (role.GetValue<string>())
            {
                case "user":
                    message["role"] = "ROLE_USER";
                    break;
                case "agent":
                    message["role"] = "ROLE_AGENT";
                    break;
                default:
                    return A2AError.InvalidParams(path + ".role", "must be \"user\" or \"agent\" (A2A 0.3).");
            }
        }

        if (message["parts"] is JsonArray parts)
        {
            for (var i = 0; i < parts.Count; i++)
            {
                if (parts[i] is JsonObject part && Part(part, $"{path}.parts[{i}]") is { } error)
                {
                    return error;
                }
            }
        }

        return null;
    }

    private static A2AError? Part(JsonObject part, string path)
    {
        var kind = part["kind"] is JsonValue k && k.GetValueKind() == JsonValueKind.String ? k.GetValue<string>() : null;
        part.Remove("kind");
        switch (kind)
        {
            case "text":
                return null;
            case "file":
                if (part["file"] is not JsonObject file)
                {
                    return A2AError.InvalidParams(path + ".file", "a file part needs a file object (A2A 0.3).");
                }

                part.Remove("file");
                if (file.ContainsKey("bytes") == file.ContainsKey("uri"))
                {
                    return A2AError.InvalidParams(path + ".file", "needs exactly one of bytes and uri (A2A 0.3).");
                }

                Move(file, "bytes", part, "raw");
                Move(file, "uri", part, "url");
                Move(file, "name", part, "filename");
                Move(file, "mimeType", part, "mediaType");
                return null;
            case "data":
                if (part["metadata"] is JsonObject metadata && metadata[DataPartCompatFlag] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True)
                {
                    metadata.Remove(DataPartCompatFlag);
                    if (metadata.Count == 0)
                    {
                        part.Remove("metadata");
                    }

                    if (part["data"] is JsonObject wrapped && wrapped.ContainsKey("value"))
                    {
                        var value = wrapped["value"];
                        wrapped.Remove("value");
                        part["data"] = value;
                    }
                }

                return null;
            default:
                return A2AError.InvalidParams(path + ".kind", "must be \"text\", \"file\" or \"data\" (A2A 0.3).");
        }
    }

    private static JsonObject PushConfig(JsonNode push)
    {
        var result = new JsonObject();
        if (push is not JsonObject config)
        {
            return result;
        }

        foreach (var name in new[] { "id", "url", "token" })
        {
            Move(config, name, result, name);
        }

        if (config["authentication"] is JsonObject authentication)
        {
            var scheme = authentication["schemes"] is JsonArray { Count: > 0 } schemes ? schemes[0]?.DeepClone() : null;
            var translated = new JsonObject { ["scheme"] = scheme };
            Move(authentication, "credentials", translated, "credentials");
            result["authentication"] = translated;
        }

        return result;
    }

    private static void Move(JsonObject from, string name, JsonObject to, string newName)
    {
        if (from.TryGetPropertyValue(name, out var value))
        {
            from.Remove(name);
            to[newName] = value;
        }
    }

    internal static JsonElement ToElement(JsonNode node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
