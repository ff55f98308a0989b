using System.Diagnostics;

namespace A2AGen.Client;

/// <summary>The activity of one client call (<c>A2A {method}</c>, kind Client) and how a failure is recorded on it.</summary>
internal static class ClientActivity
{
    private static readonly ActivitySource Source = new(A2AClient.ActivitySourceName);

    /// <param name="method">The A2A method name.</param>
    /// <param name="system">The <c>rpc.system</c> tag: <c>jsonrpc</c>, <c>http+json</c> or <c>grpc</c> (as the hosting side names them).</param>
    /// <param name="endpoint">The interface URL.</param>
    public static Activity? Start(string method, string system, Uri endpoint)
    {
        var activity = Source.StartActivity("A2A " + method, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("rpc.system", system);
            activity.SetTag("rpc.method", method);
            activity.SetTag("server.address", endpoint.Host);
        }

        return activity;
    }

    public static void Failed(Activity? activity, A2AClientException error)
    {
        activity?.SetStatus(ActivityStatusCode.Error, error.Reason ?? error.Message);
        activity?.SetTag("error.type", error.Reason ?? error.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "HTTP");
    }
}
