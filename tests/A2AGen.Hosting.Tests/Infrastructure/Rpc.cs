using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace A2AGen.Hosting.Tests.Infrastructure;

/// <summary>Raw JSON-RPC over HTTP, so tests see exactly what goes on the wire.</summary>
public static class Rpc
{
    public static int NextId;

    public static string UserText(string text, string? skill = null, string extra = "")
    {
        var metadata = skill is null ? "" : ",\"metadata\":{\"urn:a2agen:skill\":\"" + skill + "\"}";
        return "{\"message\":{\"messageId\":\"" + Guid.NewGuid() + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":" + JsonSerializer.Serialize(text) + "}]" + metadata + extra + "}}";
    }

    public static string Request(string method, string? paramsJson, string id = "") =>
        $$"""{"jsonrpc":"2.0","id":{{(id.Length == 0 ? Interlocked.Increment(ref NextId).ToString(System.Globalization.CultureInfo.InvariantCulture) : id)}},"method":"{{method}}"{{(paramsJson is null ? "" : ",\"params\":" + paramsJson)}}}""";

    public static HttpRequestMessage Post(string path, string body, string? version = "1.0", string contentType = "application/json", IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
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

    public static async Task<Reply> SendAsync(HttpClient client, string path, string body, string? version = "1.0", IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        using var request = Post(path, body, version, headers: headers);
        using var response = await client.SendAsync(request);
        return await Reply.ReadAsync(response);
    }

    public static Task<Reply> CallAsync(HttpClient client, string path, string method, string? paramsJson, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        SendAsync(client, path, Request(method, paramsJson), headers: headers);

    public static KeyValuePair<string, string> Header(string name, string value) => new(name, value);

    public static async Task<List<JsonElement>> StreamAsync(HttpClient client, string path, string method, string paramsJson, Func<JsonElement, Task>? onEvent = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        using var request = Post(path, Request(method, paramsJson, "\"stream-1\""), headers: headers);
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<JsonElement>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var data = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line, 6, line.Length - 6);
            }
            else if (line.Length == 0 && data.Length > 0)
            {
                var element = JsonDocument.Parse(data.ToString()).RootElement;
                data.Clear();
                events.Add(element);
                if (onEvent is not null)
                {
                    await onEvent(element);
                }
            }
        }

        return events;
    }
}

public sealed record Reply(int Status, JsonElement Json, string Raw, HttpResponseHeaders Headers, HttpContentHeaders? ContentHeaders)
{
    public JsonElement Result => Json.GetProperty("result");

    public JsonElement Error => Json.GetProperty("error");

    public bool IsError => Json.TryGetProperty("error", out _);

    public int ErrorCode => Error.GetProperty("code").GetInt32();

    public string ErrorMessage => Error.GetProperty("message").GetString()!;

    public string Reason => ErrorInfo.GetProperty("reason").GetString()!;

    public JsonElement ErrorInfo => Error.GetProperty("data").EnumerateArray().First(d => d.GetProperty("@type").GetString()!.EndsWith("ErrorInfo", StringComparison.Ordinal));

    public string? Field => Error.GetProperty("data").EnumerateArray()
        .FirstOrDefault(d => d.GetProperty("@type").GetString()!.EndsWith("BadRequest", StringComparison.Ordinal)) is { ValueKind: JsonValueKind.Object } bad
        ? bad.GetProperty("fieldViolations")[0].GetProperty("field").GetString()
        : null;

    public static async Task<Reply> ReadAsync(HttpResponseMessage response)
    {
        var raw = await response.Content.ReadAsStringAsync();
        var json = raw.Length == 0 ? default : JsonDocument.Parse(raw).RootElement;
        return new Reply((int)response.StatusCode, json, raw, response.Headers, response.Content.Headers);
    }
}
