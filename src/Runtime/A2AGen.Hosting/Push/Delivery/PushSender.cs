using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Hosting.Push;

/// <summary>
/// Makes one delivery attempt: POSTs the event (a <c>StreamResponse</c>, <c>Content-Type: application/a2a+json</c>) to the
/// configuration's webhook with an <c>A2A-Signature</c> made with the agent's signing key (the claims of a signed
/// request: <c>iss</c> = agent id, <c>aud</c> = <c>htu</c> = the webhook URL, <c>htm</c>, <c>bh</c>, <c>iat</c>,
/// <c>exp</c>, <c>jti</c>), the configuration's <c>Authorization: {scheme} {credentials}</c> and, when it has one, its
/// token in <c>X-A2A-Notification-Token</c>.
/// </summary>
internal static class PushSender
{
    /// <summary>The media type of a notification.</summary>
    public const string ContentType = "application/a2a+json";

    /// <summary>The header carrying the configuration's token.</summary>
    public const string TokenHeader = "X-A2A-Notification-Token";

    public static async Task<WebhookHttpClient.Outcome> SendAsync(AgentHost agent, WebhookHttpClient http, A2APushOptions options, TaskPushNotificationConfig config, StreamResponse item, CancellationToken cancellationToken)
    {
        // The options may have changed since the configuration was created (http no longer allowed).
        if (WebhookUrls.CheckForm(config.Url, options) is { } problem)
        {
            return new WebhookHttpClient.Outcome(0, "the webhook URL " + problem.TrimEnd('.'), null);
        }

        var url = new Uri(config.Url);
        var body = A2AJson.SerializeToUtf8Bytes(item);
        var headers = new List<KeyValuePair<string, string>>(3)
        {
            new("A2A-Signature", agent.PushSigner!.Sign("POST", url, body)),
        };
        if (config.Authentication is { Scheme.Length: > 0 } authentication)
        {
            headers.Add(new("Authorization", string.IsNullOrEmpty(authentication.Credentials) ? authentication.Scheme : authentication.Scheme + " " + authentication.Credentials));
        }

        if (!string.IsNullOrEmpty(config.Token))
        {
            headers.Add(new(TokenHeader, config.Token));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.AttemptTimeout);
        try
        {
            return await http.PostAsync(url, body, ContentType, headers, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookHttpClient.Outcome(0, null, $"the attempt took longer than {options.AttemptTimeout.TotalSeconds:0.#} s");
        }
    }
}
