using A2AGen.Protocol;

namespace A2AGen.Client;

/// <summary>The factories of the bindings the runtime speaks itself: JSON-RPC and HTTP+JSON, over http(s) URLs.</summary>
internal static class BuiltInTransports
{
    public static readonly IA2ATransportFactory JsonRpc = new JsonRpcFactory();

    public static readonly IA2ATransportFactory HttpJson = new HttpJsonFactory();

    public static Uri? HttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;

    private sealed class JsonRpcFactory : IA2ATransportFactory
    {
        public string ProtocolBinding => AgentInterface.JsonRpcBinding;

        public bool CanCall(AgentInterface agentInterface) => HttpUrl(agentInterface.Url) is not null;

        public A2AClientTransport Create(HttpClient httpClient, AgentInterface agentInterface, A2AClientOptions options) =>
            new JsonRpcTransport(httpClient, HttpUrl(agentInterface.Url) ?? throw new ArgumentException("The interface URL must be an absolute http or https URL.", nameof(agentInterface)), options);
    }

    private sealed class HttpJsonFactory : IA2ATransportFactory
    {
        public string ProtocolBinding => AgentInterface.HttpJsonBinding;

        public bool CanCall(AgentInterface agentInterface) => HttpUrl(agentInterface.Url) is not null;

        public A2AClientTransport Create(HttpClient httpClient, AgentInterface agentInterface, A2AClientOptions options) =>
            new HttpJsonTransport(httpClient, HttpUrl(agentInterface.Url) ?? throw new ArgumentException("The interface URL must be an absolute http or https URL.", nameof(agentInterface)), agentInterface.Tenant, options);
    }
}
