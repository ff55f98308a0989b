namespace A2AGen.Client;

/// <summary>
/// An HTTP+JSON request: a route under the agent's interface URL. <see cref="A2ASigningHandler"/> signs it with
/// <c>aud</c> = <see cref="Audience"/> (the interface URL) and <c>htu</c> = the route's URL.
/// </summary>
internal sealed class AgentRouteRequest(HttpMethod method, Uri url, Uri audience) : HttpRequestMessage(method, url)
{
    public Uri Audience { get; } = audience;
}
