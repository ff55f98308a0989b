using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace A2AGen.Conformance.Tests.Infrastructure;

/// <summary>
/// One A2A binding as the tests see it: the operations in the binding's own wire format (raw HTTP; gRPC calls), answers
/// normalized to the protocol's result objects (ProtoJSON) and an error's ErrorInfo reason. A binding is one subclass
/// and one name in <see cref="All"/>; the tests do not change.
/// </summary>
public abstract class Binding(HttpClient http, string? user)
{
    public const string JsonRpc = "JSONRPC";
    public const string HttpJson = "HTTP+JSON";
    public const string Grpc = "GRPC";

    /// <summary>Every binding the conformance agent serves (theory data for binding-independent requirements).</summary>
    public static IReadOnlyList<string> All { get; } = [JsonRpc, HttpJson, Grpc];

    /// <summary><see cref="All"/> as theory data.</summary>
    public static TheoryData<string> Names => new(All);

    protected HttpClient Http { get; } = http;

    public static Binding Create(string name, HttpClient http, global::Grpc.Net.Client.GrpcChannel grpc, string? user) => name switch
    {
        JsonRpc => new JsonRpcBinding(http, user),
        HttpJson => new HttpJsonBinding(http, user),
        Grpc => new GrpcBinding(http, user, grpc),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such binding."),
    };

    /// <summary>SendMessage with a <c>SendMessageRequest</c> JSON body.</summary>
    public abstract Task<Reply> SendAsync(string sendRequest);

    public abstract Task<Reply> GetTaskAsync(string id, int? historyLength = null);

    /// <summary>ListTasks; <paramref name="query"/> uses the request's camelCase field names.</summary>
    public abstract Task<Reply> ListTasksAsync(params (string Name, string Value)[] query);

    public abstract Task<Reply> CancelTaskAsync(string id);

    /// <summary>SendStreamingMessage: each event's <c>StreamResponse</c>, or the error that refused the stream.</summary>
    public abstract Task<StreamReply> StreamAsync(string sendRequest);

    /// <summary>
    /// SubscribeToTask: each event, or the error that refused the stream. The client closes the stream after
    /// <paramref name="stopAfter"/> events; <paramref name="onEvent"/> sees each event as it arrives.
    /// </summary>
    public abstract Task<StreamReply> SubscribeAsync(string id, int stopAfter = int.MaxValue, Func<JsonElement, Task>? onEvent = null);

    protected HttpRequestMessage Request(HttpMethod method, string path, string? body, string? version = "1.0")
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        }

        if (version is not null)
        {
            request.Headers.Add("A2A-Version", version);
        }

        if (user is not null)
        {
            request.Headers.Add(ConformanceHost.UserHeader, user);
        }

        return request;
    }

    protected async Task<StreamReply> ReadStreamAsync(HttpRequestMessage request, Func<JsonElement, Reply?> error, Func<JsonElement, JsonElement> unwrap, int stopAfter = int.MaxValue, Func<JsonElement, Task>? onEvent = null)
    {
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType != "text/event-stream")
        {
            var reply = await Reply.ReadAsync(response, error, unwrap);
            return new StreamReply([], reply, mediaType, reply.HttpStatus);
        }

        var events = new List<JsonElement>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var data = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line.AsSpan(5).TrimStart(' '));
            }
            else if (line.Length == 0 && data.Length > 0)
            {
                var element = JsonDocument.Parse(data.ToString()).RootElement;
                data.Clear();
                if (error(element) is { } failure)
                {
                    return new StreamReply(events, failure, mediaType, (int)response.StatusCode);
                }

                events.Add(unwrap(element));
                if (onEvent is not null)
                {
                    await onEvent(events[^1]);
                }

                if (events.Count >= stopAfter)
                {
                    break; // disposing the response closes the stream
                }
            }
        }

        return new StreamReply(events, null, mediaType, (int)response.StatusCode);
    }

    protected async Task<Reply> ExchangeAsync(HttpRequestMessage request, Func<JsonElement, Reply?> error, Func<JsonElement, JsonElement> unwrap)
    {
        using (request)
        {
            using var response = await Http.SendAsync(request);
            return await Reply.ReadAsync(response, error, unwrap);
        }
    }

    public override string ToString() => GetType().Name;
}

/// <summary>
/// A unary answer: <see cref="Result"/> (the operation's result object) or an error with its ErrorInfo
/// <see cref="Reason"/>, plus what the wire carried.
/// </summary>
public sealed record Reply(JsonElement Result, string? Reason, JsonElement ErrorObject, int HttpStatus, string? ContentType, string Raw)
{
    public bool IsError => Reason is not null;

    /// <summary>The call's status on the gRPC binding (null on the others).</summary>
    public global::Grpc.Core.StatusCode? GrpcStatus { get; init; }

    public static async Task<Reply> ReadAsync(HttpResponseMessage response, Func<JsonElement, Reply?> error, Func<JsonElement, JsonElement> unwrap)
    {
        var raw = await response.Content.ReadAsStringAsync();
        var json = raw.Length == 0 ? default : JsonDocument.Parse(raw).RootElement;
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (json.ValueKind == JsonValueKind.Object && error(json) is { } failure)
        {
            return failure with { HttpStatus = status, ContentType = mediaType, Raw = raw };
        }

        return new Reply(unwrap(json), null, default, status, mediaType, raw);
    }

    /// <summary>The task of a SendMessage result (fails the test when the agent answered with a message).</summary>
    public JsonElement Task => Assert.IsType<JsonElement>(Result.TryGetProperty("task", out var task) ? task : throw new Xunit.Sdk.XunitException("Expected a task, got: " + Raw));
}

/// <summary>A stream's events (each a <c>StreamResponse</c>), or the error that ended or refused it.</summary>
public sealed record StreamReply(IReadOnlyList<JsonElement> Events, Reply? Error, string? ContentType, int HttpStatus);
