using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace A2AGen.Benchmarks.Hosting;

/// <summary>
/// <c>hosting-floor-server [port]</c>: the floor of the load test — a bare Kestrel endpoint at <c>/a2a/jsonrpc</c> that
/// parses the same JSON-RPC <c>SendMessage</c> request (<see cref="JsonDocument"/>) and writes the same completed-task
/// answer our echo agent writes (fresh task, context and artifact ids, the status time, the echoed text as the artifact,
/// the user message as the history), with no task store, no pipeline and no agent. What a server cannot avoid doing
/// for this request on this machine; our agent's throughput is quoted as a share of it (issue 13). Prints
/// <c>LISTENING &lt;port&gt;</c> and stops when stdin closes, like <see cref="EchoServer"/>.
/// </summary>
public static class FloorServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 0;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapPost("/a2a/jsonrpc", AnswerAsync);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Console.Out.WriteLine($"LISTENING {address.Port}");
        Console.Out.Flush();
        await Task.Run(() => Console.In.ReadToEnd());
        await app.StopAsync();
        return 0;
    }

    private static async Task AnswerAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        var read = await reader.ReadAsync(context.RequestAborted);
        while (!read.IsCompleted)
        {
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            read = await reader.ReadAsync(context.RequestAborted);
        }

        // The document reads the request's buffers in place: they are released after the answer is written.
        using var request = JsonDocument.Parse(read.Buffer);
        var root = request.RootElement;
        var message = root.GetProperty("params").GetProperty("message");
        var text = message.GetProperty("parts")[0].GetProperty("text").GetString();
        var taskId = Guid.NewGuid().ToString();
        var contextId = Guid.NewGuid().ToString();

        context.Response.ContentType = "application/json";
        await using (var json = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteString("jsonrpc", "2.0");
            json.WritePropertyName("id");
            root.GetProperty("id").WriteTo(json);
            json.WriteStartObject("result");
            json.WriteStartObject("task");
            json.WriteString("id", taskId);
            json.WriteString("contextId", contextId);
            json.WriteStartObject("status");
            json.WriteString("state", "TASK_STATE_COMPLETED");
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteStartArray("artifacts");
            json.WriteStartObject();
            json.WriteString("artifactId", Guid.NewGuid().ToString());
            WriteTextParts(json, text);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("history");
            json.WriteStartObject();
            json.WriteString("messageId", message.GetProperty("messageId").GetString());
            json.WriteString("contextId", contextId);
            json.WriteString("taskId", taskId);
            json.WriteString("role", message.GetProperty("role").GetString());
            WriteTextParts(json, text);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        reader.AdvanceTo(read.Buffer.End);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static void WriteTextParts(Utf8JsonWriter json, string? text)
    {
        json.WriteStartArray("parts");
        json.WriteStartObject();
        json.WriteString("text", text);
        json.WriteEndObject();
        json.WriteEndArray();
    }
}
