using System.Text.Json;

namespace A2AGen.Conformance.Tests.Infrastructure;

/// <summary>The JSON-RPC 2.0 binding: POST / with an envelope; errors are <c>error</c> objects with ErrorInfo in <c>data</c>.</summary>
public sealed class JsonRpcBinding(HttpClient http, string? user) : Binding(http, user)
{
    private static int _nextId;

    public override Task<Reply> SendAsync(string sendRequest) => CallAsync("SendMessage", sendRequest);

    public override Task<Reply> GetTaskAsync(string id, int? historyLength = null) =>
        CallAsync("GetTask", historyLength is null ? $$"""{"id":"{{id}}"}""" : $$"""{"id":"{{id}}","historyLength":{{historyLength}}}""");

    public override Task<Reply> ListTasksAsync(params (string Name, string Value)[] query) =>
        CallAsync("ListTasks", "{" + string.Join(",", query.Select(q => JsonSerializer.Serialize(q.Name) + ":" + (IsLiteral(q.Value) ? q.Value : JsonSerializer.Serialize(q.Value)))) + "}");

    public override Task<Reply> CancelTaskAsync(string id) => CallAsync("CancelTask", $$"""{"id":"{{id}}"}""");

    public override Task<StreamReply> StreamAsync(string sendRequest) =>
        ReadStreamAsync(Request(HttpMethod.Post, "/", Envelope("SendStreamingMessage", sendRequest)), Error, Unwrap);

    public override Task<StreamReply> SubscribeAsync(string id, int stopAfter = int.MaxValue, Func<JsonElement, Task>? onEvent = null) =>
        ReadStreamAsync(Request(HttpMethod.Post, "/", Envelope("SubscribeToTask", $$"""{"id":"{{id}}"}""")), Error, Unwrap, stopAfter, onEvent);

    /// <summary>A raw call: the method, its params JSON and (optionally) the A2A-Version header.</summary>
    public Task<Reply> CallAsync(string method, string? paramsJson, string? version = "1.0") =>
        ExchangeAsync(Request(HttpMethod.Post, "/", Envelope(method, paramsJson), version), Error, Unwrap);

    /// <summary>Posts any body to the JSON-RPC endpoint.</summary>
    public Task<Reply> PostAsync(string body, string? version = "1.0") => ExchangeAsync(Request(HttpMethod.Post, "/", body, version), Error, Unwrap);

    public static string Envelope(string method, string? paramsJson) =>
        $$"""{"jsonrpc":"2.0","id":{{Interlocked.Increment(ref _nextId)}},"method":"{{method}}"{{(paramsJson is null ? "" : ",\"params\":" + paramsJson)}}}""";

    private static bool IsLiteral(string value) => value is "true" or "false" || int.TryParse(value, out _);

    private static JsonElement Unwrap(JsonElement envelope) =>
        envelope.ValueKind == JsonValueKind.Object && envelope.TryGetProperty("result", out var result) ? result : envelope;

    private static Reply? Error(JsonElement envelope)
    {
        if (!envelope.TryGetProperty("error", out var error))
        {
            return null;
        }

        var reason = error.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
            ? data.EnumerateArray().Where(d => d.TryGetProperty("@type", out var t) && t.GetString()!.EndsWith("google.rpc.ErrorInfo", StringComparison.Ordinal))
                .Select(d => d.GetProperty("reason").GetString()).FirstOrDefault()
            : null;
        return new Reply(default, reason ?? "(no ErrorInfo)", envelope, 0, null, envelope.GetRawText());
    }
}
