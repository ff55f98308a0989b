using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace A2AGen.Hosting.Tests.Tasks;

/// <summary>
/// <c>ListTasks</c> as spec §3.1.4 defines it, over both bindings, on a fake clock: the caller's tasks only, newest status
/// first, filtered by <c>contextId</c>, <c>status</c> and <c>statusTimestampAfter</c> (inclusive), paged by an opaque
/// cursor (<c>nextPageToken</c> always present, <c>""</c> on the last page), artifacts only with <c>includeArtifacts</c>,
/// history cut by <c>historyLength</c>.
/// </summary>
public sealed class ListTasksTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Bindings => ["jsonrpc", "rest"];

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task ListTasks_filters_orders_pages_and_shapes_the_callers_tasks(string binding)
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddA2AAgent<BookingAgent>();
            },
            app => app.MapA2AAgent<BookingAgent>("/booking"));
        var kim = new[] { Rpc.Header(TestHost.UserHeader, "kim") };

        async Task<string> Send(string text, string? skill, string contextId, string? taskId = null)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var extra = $",\"contextId\":\"{contextId}\"" + (taskId is null ? "" : $",\"taskId\":\"{taskId}\"");
            var reply = await Rpc.CallAsync(host.Client, "/booking", "SendMessage", Rpc.UserText(text, skill, extra), kim);
            return reply.Result.GetProperty("task").GetProperty("id").GetString()!;
        }

        var t0 = await Send("Lisbon", null, "ctx-1");                 // 10:00:01 INPUT_REQUIRED
        var t1 = await Send("Porto", null, "ctx-1");                  // 10:00:02 INPUT_REQUIRED …
        await Send("May", null, "ctx-1", t1);                         // 10:00:03 … COMPLETED
        var t2 = await Send("100", "pay", "ctx-2");                   // 10:00:04 AUTH_REQUIRED
        var t3 = await Send("Faro", null, "ctx-2");                   // 10:00:05 INPUT_REQUIRED
        await Rpc.CallAsync(host.Client, "/booking", "SendMessage", Rpc.UserText("not kim's"), [Rpc.Header(TestHost.UserHeader, "lee")]);

        var all = await ListAsync(host.Client, binding, [], kim);
        Assert.Equal([t3, t2, t1, t0], Ids(all));
        Assert.Equal(4, all.GetProperty("totalSize").GetInt32());
        Assert.Equal(50, all.GetProperty("pageSize").GetInt32());
        Assert.Equal("", all.GetProperty("nextPageToken").GetString());
        Assert.All(all.GetProperty("tasks").EnumerateArray(), t => Assert.False(t.TryGetProperty("artifacts", out _)));
        Assert.Equal(3, all.GetProperty("tasks")[2].GetProperty("history").GetArrayLength());

        Assert.Equal([t3, t0], Ids(await ListAsync(host.Client, binding, [("status", "TASK_STATE_INPUT_REQUIRED")], kim)));
        Assert.Equal([t2], Ids(await ListAsync(host.Client, binding, [("status", "TASK_STATE_AUTH_REQUIRED")], kim)));
        Assert.Equal([t1, t0], Ids(await ListAsync(host.Client, binding, [("contextId", "ctx-1")], kim)));
        Assert.Equal([t3], Ids(await ListAsync(host.Client, binding, [("contextId", "ctx-2"), ("status", "TASK_STATE_INPUT_REQUIRED")], kim)));

        // Inclusive: a task whose status changed exactly at the time is listed.
        Assert.Equal([t3, t2, t1], Ids(await ListAsync(host.Client, binding, [("statusTimestampAfter", "2026-03-01T10:00:03Z")], kim)));
        Assert.Empty(Ids(await ListAsync(host.Client, binding, [("statusTimestampAfter", "2026-03-01T10:00:06Z")], kim)));

        var page1 = await ListAsync(host.Client, binding, [("pageSize", "3")], kim);
        Assert.Equal([t3, t2, t1], Ids(page1));
        Assert.Equal(4, page1.GetProperty("totalSize").GetInt32());
        var token = page1.GetProperty("nextPageToken").GetString()!;
        Assert.NotEmpty(token);
        var page2 = await ListAsync(host.Client, binding, [("pageSize", "3"), ("pageToken", token)], kim);
        Assert.Equal([t0], Ids(page2));
        Assert.Equal("", page2.GetProperty("nextPageToken").GetString());

        var shaped = await ListAsync(host.Client, binding, [("contextId", "ctx-1"), ("includeArtifacts", "true"), ("historyLength", "1")], kim);
        var completed = shaped.GetProperty("tasks")[0];
        Assert.Equal(t1, completed.GetProperty("id").GetString());
        Assert.StartsWith("Booked Porto on May", completed.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("May", completed.GetProperty("history").EnumerateArray().Single().GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.All(shaped.GetProperty("tasks").EnumerateArray(), t => Assert.True(t.GetProperty("history").GetArrayLength() <= 1));

        var noHistory = await ListAsync(host.Client, binding, [("historyLength", "0")], kim);
        Assert.All(noHistory.GetProperty("tasks").EnumerateArray(), t => Assert.False(t.TryGetProperty("history", out _)));

        // Another caller's listing holds none of them.
        Assert.DoesNotContain(t0, Ids(await ListAsync(host.Client, binding, [], [Rpc.Header(TestHost.UserHeader, "lee")])));
    }

    private static string[] Ids(JsonElement list) => [.. list.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()!)];

    private static async Task<JsonElement> ListAsync(HttpClient client, string binding, (string Name, string Value)[] query, KeyValuePair<string, string>[] caller)
    {
        if (binding == "jsonrpc")
        {
            var members = query.Select(q => q.Name is "pageSize" or "historyLength" or "includeArtifacts" ? $"\"{q.Name}\":{q.Value}" : $"\"{q.Name}\":\"{q.Value}\"");
            var reply = await Rpc.CallAsync(client, "/booking", "ListTasks", "{" + string.Join(",", members) + "}", caller);
            Assert.False(reply.IsError, reply.Raw);
            return reply.Result;
        }

        var path = "/booking/tasks" + (query.Length == 0 ? "" : "?" + string.Join("&", query.Select(q => q.Name + "=" + Uri.EscapeDataString(q.Value))));
        var rest = await Rest.GetAsync(client, path, caller);
        Assert.Equal(200, rest.Status);
        return rest.Json;
    }
}
