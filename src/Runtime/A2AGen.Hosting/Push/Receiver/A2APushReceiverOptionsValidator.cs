using A2AGen.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting;

/// <summary>Checks each push receiver's options when the host starts; every failure says what to change.</summary>
internal sealed class A2APushReceiverOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<A2APushReceiverOptions>
{
    // The body is buffered whole in one pooled array.
    internal const long MaxBodySizeLimit = 64L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, A2APushReceiverOptions options)
    {
        var failures = new List<string>();
        var prefix = string.IsNullOrEmpty(name) ? "A2A push receiver: " : $"A2A push receiver '{name}': ";
        if (options.PublicUrl is { } publicUrl)
        {
            if (!IsWebhookUrl(publicUrl))
            {
                failures.Add(prefix + $"A2APushReceiverOptions.PublicUrl '{publicUrl}' is not an absolute http or https URL without user information. " +
                    "Set it to the webhook URL exactly as the push configurations name it, e.g. https://me.example.com/a2a/push.");
            }
        }
        else if (environment is not null && !environment.IsDevelopment())
        {
            failures.Add(prefix + "A2APushReceiverOptions.PublicUrl is not set. Outside Development a signature's audience must be checked against " +
                "the webhook URL the senders were given (the request's own Host header is the caller's choice); set it, e.g. https://me.example.com/a2a/push.");
        }

        foreach (var url in options.AcceptedUrls)
        {
            if (!IsWebhookUrl(url))
            {
                failures.Add(prefix + $"A2APushReceiverOptions.AcceptedUrls has '{url}', which is not an absolute http or https URL without user information.");
            }
        }

        foreach (var sender in options.TrustedSenders)
        {
            if (AgentId.GetProblem(sender) is { } problem)
            {
                failures.Add(prefix + $"A2APushReceiverOptions.TrustedSenders has '{CallerText.Sanitize(sender, 80)}': {problem}");
            }
        }

        foreach (var (agentId, url) in options.SenderJwks)
        {
            if (AgentId.GetProblem(agentId) is { } problem)
            {
                failures.Add(prefix + $"A2APushReceiverOptions.SenderJwks has the agent id '{CallerText.Sanitize(agentId, 80)}': {problem}");
            }

            if (url is null || !url.IsAbsoluteUri || url.UserInfo.Length > 0
                || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && options.AllowHttpJwks)))
            {
                failures.Add(prefix + $"A2APushReceiverOptions.SenderJwks['{CallerText.Sanitize(agentId, 80)}'] = '{url}' is not an absolute https URL without user information " +
                    "(http only with AllowHttpJwks).");
            }
        }

        foreach (var token in options.TokenSenders)
        {
            if (token is null || string.IsNullOrWhiteSpace(token.SenderId) || string.IsNullOrEmpty(token.Credentials)
                || (token.Header == A2APushTokenHeader.Authorization
                    && (string.IsNullOrEmpty(token.Scheme) || token.Scheme.Any(c => !(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c))))))
            {
                failures.Add(prefix + "A2APushReceiverOptions.TokenSenders has an entry without a sender id, without credentials, or with a scheme " +
                    "that is not an HTTP authentication scheme name (e.g. Bearer).");
            }
        }

        if (options.MaxBodySize is <= 0 or > MaxBodySizeLimit)
        {
            failures.Add(prefix + $"A2APushReceiverOptions.MaxBodySize is {options.MaxBodySize}; choose 1 byte to {MaxBodySizeLimit} bytes.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.MaxSignatureLifetime <= TimeSpan.Zero)
        {
            failures.Add(prefix + "A2APushReceiverOptions.ClockSkew must not be negative and MaxSignatureLifetime must be positive.");
        }

        if (options.JwksRefreshInterval <= TimeSpan.Zero || options.JwksMinimumRefetchInterval < TimeSpan.Zero)
        {
            failures.Add(prefix + "A2APushReceiverOptions.JwksRefreshInterval must be positive and JwksMinimumRefetchInterval must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsWebhookUrl(string url) => RequestTarget.Normalize(url) is not null;
}
