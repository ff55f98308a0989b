using System.Net.Http.Headers;
using A2AGen.Protocol;

namespace A2AGen.Client;

/// <summary>What the HTTP bindings (JSON-RPC, HTTP+JSON) share: the A2A headers, sending, and unreachable agents.</summary>
internal static class HttpCalls
{
    public const string JsonMediaType = "application/json";
    public const string EventStreamMediaType = "text/event-stream";

    public static void AddHeaders(HttpRequestMessage request, string accept, A2ACallOptions call)
    {
        request.Headers.Add(A2AProtocol.VersionHeader, A2AProtocol.Version);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (call.Extensions is { } extensions)
        {
            request.Headers.Add(A2AProtocol.ExtensionsHeader, extensions);
        }

        if (call.BearerToken is { Length: > 0 } token && request.Headers.Authorization is null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        TraceContext.Inject(request);
    }
}
