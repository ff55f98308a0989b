using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Wire = Lf.A2a.V1;

namespace A2AGen.Hosting.Tests.Infrastructure;

/// <summary>The outcome of a gRPC call: the status code, the <c>ErrorInfo</c> reason, and the answer's ProtoJSON form.</summary>
public sealed record GrpcReply(StatusCode Status, string? Reason, string? Message, JsonElement Json, Metadata? Trailers = null)
{
    public bool IsError => Status != StatusCode.OK;
}

/// <summary>
/// Calls an agent over gRPC with Grpc.Net.Client and the stubs compiled from the spec's <c>a2a.proto</c>. Requests are
/// written as ProtoJSON (the same text the JSON bindings' tests send) and parsed into the protobuf messages.
/// </summary>
public static class GrpcCalls
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default);
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    /// <summary>The GRPC interface URL of the agent's card.</summary>
    public static async Task<string> UrlAsync(TestHost host, string agentPath)
    {
        var card = JsonDocument.Parse(await host.Client.GetStringAsync(agentPath.TrimEnd('/') + "/.well-known/agent-card.json"));
        return card.RootElement.GetProperty("supportedInterfaces").EnumerateArray()
            .Single(i => i.GetProperty("protocolBinding").GetString() == "GRPC").GetProperty("url").GetString()!;
    }

    public static GrpcChannel Channel(string url) => GrpcChannel.ForAddress(url);

    internal static Wire.A2AService.A2AServiceClient Client(GrpcChannel channel) => new(channel);

    internal static T Parse<T>(string json)
        where T : IMessage, new() => Parser.Parse<T>(json);

    /// <summary>The URL a request signature's <c>htu</c> names for a method.</summary>
    public static Uri MethodUrl(string grpcUrl, string method) => new(new Uri(grpcUrl), "/lf.a2a.v1.A2AService/" + method);

    public static Metadata Headers(IEnumerable<KeyValuePair<string, string>>? headers = null, string? version = "1.0")
    {
        var metadata = new Metadata();
        if (version is not null)
        {
            metadata.Add("a2a-version", version);
        }

        foreach (var (key, value) in headers ?? [])
        {
            metadata.Add(key.ToLowerInvariant(), value);
        }

        return metadata;
    }

    /// <summary>Sends a SendMessage request written as ProtoJSON.</summary>
    public static Task<GrpcReply> SendAsync(GrpcChannel channel, string sendJson, IEnumerable<KeyValuePair<string, string>>? headers = null, string? version = "1.0") =>
        SendAsync(channel, Parse<Wire.SendMessageRequest>(sendJson), headers, version);

    internal static Task<GrpcReply> SendAsync(GrpcChannel channel, Wire.SendMessageRequest request, IEnumerable<KeyValuePair<string, string>>? headers = null, string? version = "1.0") =>
        CallAsync(() => Client(channel).SendMessageAsync(request, Headers(headers, version)).ResponseAsync);

    internal static async Task<GrpcReply> CallAsync<T>(Func<Task<T>> call)
        where T : IMessage
    {
        try
        {
            var response = await call();
            return new GrpcReply(StatusCode.OK, null, null, JsonDocument.Parse(Formatter.Format(response)).RootElement);
        }
        catch (RpcException ex)
        {
            return ErrorOf(ex);
        }
    }

    /// <summary>Reads every message of a server stream (as ProtoJSON), then its status.</summary>
    internal static async Task<(List<JsonElement> Events, GrpcReply End)> StreamAsync(AsyncServerStreamingCall<Wire.StreamResponse> call, Func<JsonElement, Task>? onEvent = null)
    {
        var events = new List<JsonElement>();
        try
        {
            await foreach (var item in call.ResponseStream.ReadAllAsync())
            {
                var json = JsonDocument.Parse(Formatter.Format(item)).RootElement;
                events.Add(json);
                if (onEvent is not null)
                {
                    await onEvent(json);
                }
            }

            return (events, new GrpcReply(StatusCode.OK, null, null, default, call.GetTrailers()));
        }
        catch (RpcException ex)
        {
            return (events, ErrorOf(ex));
        }
    }

    /// <summary>The status, and the <c>ErrorInfo</c> reason from <c>grpc-status-details-bin</c>.</summary>
    public static GrpcReply ErrorOf(RpcException ex)
    {
        string? reason = null;
        if (ex.Trailers.GetValueBytes("grpc-status-details-bin") is { } details)
        {
            var status = Google.Rpc.Status.Parser.ParseFrom(details);
            foreach (var any in status.Details)
            {
                if (any.TryUnpack<Google.Rpc.ErrorInfo>(out var info))
                {
                    reason = info.Reason;
                }
            }
        }

        return new GrpcReply(ex.StatusCode, reason, ex.Status.Detail, default, ex.Trailers);
    }
}
