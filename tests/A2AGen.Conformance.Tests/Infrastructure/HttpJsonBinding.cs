using System.Text.Json;

namespace A2AGen.Conformance.Tests.Infrastructure;

/// <summary>The HTTP+JSON binding: resource routes; errors are AIP-193 <c>google.rpc.Status</c> objects under <c>error</c>.</summary>
public sealed class HttpJsonBinding(HttpClient http, string? user) : Binding(http, user)
{
    public override Task<Reply> SendAsync(string sendRequest) => CallAsync(HttpMethod.Post, "/message:send", sendRequest);

    public override Task<Reply> GetTaskAsync(string id, int? historyLength = null) =>
        CallAsync(HttpMethod.Get, $"/tasks/{id}" + (historyLength is null ? "" : $"?historyLength={historyLength}"));

    public override Task<Reply> ListTasksAsync(params (string Name, string Value)[] query) =>
        CallAsync(HttpMethod.Get, "/tasks" + (query.Length == 0 ? "" : "?" + string.Join("&", query.Select(q => q.Name + "=" + Uri.EscapeDataString(q.Value)))));

    public override Task<Reply> CancelTaskAsync(string id) => CallAsync(HttpMethod.Post, $"/tasks/{id}:cancel", "{}");

    public override Task<StreamReply> StreamAsync(string sendRequest) => ReadStreamAsync(Request(HttpMethod.Post, "/message:stream", sendRequest), Error, e => e);

    public override Task<StreamReply> SubscribeAsync(string id, int stopAfter = int.MaxValue, Func<JsonElement, Task>? onEvent = null) =>
        ReadStreamAsync(Request(HttpMethod.Get, $"/tasks/{id}:subscribe", null), Error, e => e, stopAfter, onEvent);

    /// <summary>A raw request on a route of this binding.</summary>
    public Task<Reply> CallAsync(HttpMethod method, string path, string? body = null, string? version = "1.0") =>
        ExchangeAsync(Request(method, path, body, version), Error, e => e);

    private static Reply? Error(JsonElement body)
    {
        if (!body.TryGetProperty("error", out var error))
        {
            return null;
        }

        var reason = error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array
            ? details.EnumerateArray().Where(d => d.TryGetProperty("@type", out var t) && t.GetString() == "type.googleapis.com/google.rpc.ErrorInfo")
                .Select(d => d.GetProperty("reason").GetString()).FirstOrDefault()
            : null;
        return new Reply(default, reason ?? "(no ErrorInfo)", body, 0, null, body.GetRawText());
    }
}
