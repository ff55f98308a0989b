using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace A2AGen.Hosting.Tests.Infrastructure;

/// <summary>Raw HTTP+JSON (REST binding) requests, so tests see exactly what goes on the wire.</summary>
public static class Rest
{
    public static HttpRequestMessage Request(HttpMethod method, string path, string? body = null, string? version = "1.0", IEnumerable<KeyValuePair<string, string>>? headers = null)
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

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public static async Task<RestReply> SendAsync(HttpClient client, HttpMethod method, string path, string? body = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        using var request = Request(method, path, body, headers: headers);
        using var response = await client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        var json = raw.Length == 0 ? default : JsonDocument.Parse(raw).RootElement;
        return new RestReply((int)response.StatusCode, json, raw, response.Headers, response.Content.Headers);
    }

    public static Task<RestReply> GetAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        SendAsync(client, HttpMethod.Get, path, headers: headers);

    public static Task<RestReply> PostAsync(HttpClient client, string path, string? body, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        SendAsync(client, HttpMethod.Post, path, body, headers);

    /// <summary>Reads a Server-Sent Events stream: each event's type (<c>message</c> unless named) and JSON data.</summary>
    public static async Task<List<(string Type, JsonElement Data)>> StreamAsync(HttpClient client, HttpMethod method, string path, string? body = null, Func<JsonElement, Task>? onEvent = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        using var request = Request(method, path, body, headers: headers);
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<(string, JsonElement)>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var data = new StringBuilder();
        var type = "message";
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line, 6, line.Length - 6);
            }
            else if (line.Length == 0 && data.Length > 0)
            {
                var element = JsonDocument.Parse(data.ToString()).RootElement;
                data.Clear();
                events.Add((type, element));
                type = "message";
                if (onEvent is not null)
                {
                    await onEvent(element);
                }
            }
        }

        return events;
    }
}

/// <summary>An HTTP+JSON answer: a result object, or a <c>google.rpc.Status</c> under <c>error</c>.</summary>
public sealed record RestReply(int Status, JsonElement Json, string Raw, HttpResponseHeaders Headers, HttpContentHeaders? ContentHeaders)
{
    public bool IsError => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("error", out _);

    public JsonElement Error => Json.GetProperty("error");

    public string StatusName => Error.GetProperty("status").GetString()!;

    public JsonElement ErrorInfo => Error.GetProperty("details").EnumerateArray().First(d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.ErrorInfo");

    public string Reason => ErrorInfo.GetProperty("reason").GetString()!;

    public string? Field => Error.GetProperty("details").EnumerateArray()
        .FirstOrDefault(d => d.GetProperty("@type").GetString()!.EndsWith("BadRequest", StringComparison.Ordinal)) is { ValueKind: JsonValueKind.Object } bad
        ? bad.GetProperty("fieldViolations")[0].GetProperty("field").GetString()
        : null;
}
