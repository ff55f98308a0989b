using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Wire = Lf.A2a.V1;

namespace A2AGen.Conformance.Tests.Infrastructure;

/// <summary>
/// The gRPC binding: <c>lf.a2a.v1.A2AService</c> over HTTP/2 with Grpc.Net.Client and client stubs compiled from the
/// spec's <c>a2a.proto</c>, at the interface URL the agent's card lists. Requests are written as ProtoJSON (the same text
/// the JSON bindings send) and parsed into the protobuf messages; answers are turned back into ProtoJSON, so the tests
/// read every binding alike. Service parameters travel as metadata (<c>a2a-version</c>, <c>x-test-user</c>); an error is
/// the call's status, its reason the <c>google.rpc.ErrorInfo</c> in <c>grpc-status-details-bin</c>.
/// </summary>
public sealed class GrpcBinding(HttpClient http, string? user, GrpcChannel channel) : Binding(http, user)
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default);

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(
        TypeRegistry.FromMessages(Google.Rpc.ErrorInfo.Descriptor, Google.Rpc.BadRequest.Descriptor)));

    private readonly string? _user = user;

    public Wire.A2AService.A2AServiceClient Client { get; } = new(channel);

    public override Task<Reply> SendAsync(string sendRequest) =>
        UnaryAsync(Client.SendMessageAsync(Parser.Parse<Wire.SendMessageRequest>(sendRequest), Metadata()));

    public override Task<Reply> GetTaskAsync(string id, int? historyLength = null)
    {
        var request = new Wire.GetTaskRequest { Id = id };
        if (historyLength is { } length)
        {
            request.HistoryLength = length;
        }

        return UnaryAsync(Client.GetTaskAsync(request, Metadata()));
    }

    public override Task<Reply> ListTasksAsync(params (string Name, string Value)[] query)
    {
        var json = new JsonObject();
        foreach (var (name, value) in query)
        {
            json[name] = value is "true" or "false" ? JsonValue.Create(value == "true") : int.TryParse(value, out var number) ? JsonValue.Create(number) : JsonValue.Create(value);
        }

        // Proto3 has no presence for next_page_token: an empty token is the default the wire leaves out, so it is put
        // back here as the JSON bindings write it (the field is REQUIRED, "" on the last page).
        return UnaryAsync(Client.ListTasksAsync(Parser.Parse<Wire.ListTasksRequest>(json.ToJsonString()), Metadata()),
            (response, node) => node["nextPageToken"] = response.NextPageToken);
    }

    public override Task<Reply> CancelTaskAsync(string id) => UnaryAsync(Client.CancelTaskAsync(new Wire.CancelTaskRequest { Id = id }, Metadata()));

    public override Task<StreamReply> StreamAsync(string sendRequest) =>
        ReadAsync(Client.SendStreamingMessage(Parser.Parse<Wire.SendMessageRequest>(sendRequest), Metadata()));

    public override Task<StreamReply> SubscribeAsync(string id, int stopAfter = int.MaxValue, Func<JsonElement, Task>? onEvent = null) =>
        ReadAsync(Client.SubscribeToTask(new Wire.SubscribeToTaskRequest { Id = id }, Metadata()), stopAfter, onEvent);

    /// <summary>Reads a server stream to its end (or to <paramref name="stopAfter"/> events), each message as ProtoJSON.</summary>
    public async Task<StreamReply> ReadAsync(AsyncServerStreamingCall<Wire.StreamResponse> call, int stopAfter = int.MaxValue, Func<JsonElement, Task>? onEvent = null)
    {
        using (call)
        {
            var events = new List<JsonElement>();
            try
            {
                while (events.Count < stopAfter && await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    var item = Json(call.ResponseStream.Current);
                    events.Add(item);
                    if (onEvent is not null)
                    {
                        await onEvent(item);
                    }
                }

                return new StreamReply(events, null, GrpcContentType, 200);
            }
            catch (RpcException ex)
            {
                return new StreamReply(events, ErrorOf(ex), GrpcContentType, 200);
            }
        }
    }

    /// <summary>The metadata of a call: <c>a2a-version</c> (unless null), the test user, and any <paramref name="extra"/> entries.</summary>
    public Metadata Metadata(string? version = "1.0", params (string Key, string Value)[] extra)
    {
        var metadata = new Metadata();
        if (version is not null)
        {
            metadata.Add("a2a-version", version);
        }

        if (_user is not null)
        {
            metadata.Add(ConformanceHost.UserHeader.ToLowerInvariant(), _user);
        }

        foreach (var (key, value) in extra)
        {
            metadata.Add(key, value);
        }

        return metadata;
    }

    /// <summary>A unary call's answer as ProtoJSON, or its status as an error <see cref="Reply"/>.</summary>
    public static async Task<Reply> UnaryAsync<T>(AsyncUnaryCall<T> call, Action<T, JsonObject>? complete = null)
        where T : IMessage
    {
        using (call)
        {
            try
            {
                var response = await call.ResponseAsync;
                var node = JsonNode.Parse(Formatter.Format(response))!.AsObject();
                complete?.Invoke(response, node);
                var raw = node.ToJsonString();
                return new Reply(JsonDocument.Parse(raw).RootElement, null, default, 200, GrpcContentType, raw) { GrpcStatus = StatusCode.OK };
            }
            catch (RpcException ex)
            {
                return ErrorOf(ex);
            }
        }
    }

    /// <summary>
    /// The error of a failed call: its status code, and as <see cref="Reply.ErrorObject"/> the <c>google.rpc.Status</c> of
    /// <c>grpc-status-details-bin</c> in ProtoJSON (code, message, details with <c>@type</c>); the reason is its ErrorInfo's.
    /// </summary>
    public static Reply ErrorOf(RpcException ex)
    {
        if (ex.Trailers.GetValueBytes("grpc-status-details-bin") is not { } bytes)
        {
            return new Reply(default, "(no ErrorInfo)", default, 200, GrpcContentType, ex.Status.ToString()) { GrpcStatus = ex.StatusCode };
        }

        var status = Google.Rpc.Status.Parser.ParseFrom(bytes);
        var reason = status.Details.Select(d => d.TryUnpack<Google.Rpc.ErrorInfo>(out var info) ? info.Reason : null).FirstOrDefault(r => r is not null);
        var raw = Formatter.Format(status);
        return new Reply(default, reason ?? "(no ErrorInfo)", JsonDocument.Parse(raw).RootElement, 200, GrpcContentType, raw) { GrpcStatus = ex.StatusCode };
    }

    private const string GrpcContentType = "application/grpc";

    private static JsonElement Json(IMessage message) => JsonDocument.Parse(Formatter.Format(message)).RootElement;
}
