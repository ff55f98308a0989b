namespace A2AGen.Hosting;

/// <summary>
/// The <c>ErrorInfo.reason</c> values a push-notification receiver (<c>MapA2APushReceiver</c>) answers besides the
/// request-signature reasons (<see cref="A2AGen.Security.RequestSignatureReasons"/>), one per check.
/// </summary>
public static class A2APushReceiverReasons
{
    /// <summary>HTTP 415: the body is not <c>application/a2a+json</c> or <c>application/json</c> (UTF-8).</summary>
    public const string MediaTypeUnsupported = "PUSH_MEDIA_TYPE_UNSUPPORTED";

    /// <summary>HTTP 413: the body is larger than <see cref="A2APushReceiverOptions.MaxBodySize"/>.</summary>
    public const string TooLarge = "PUSH_NOTIFICATION_TOO_LARGE";

    /// <summary>HTTP 400: the body could not be read (the connection broke or the framing was invalid).</summary>
    public const string BodyUnreadable = "PUSH_BODY_UNREADABLE";

    /// <summary>HTTP 401: neither an <c>A2A-Signature</c> nor a token (<c>Authorization</c>, <c>X-A2A-Notification-Token</c>) came with the notification (token form enabled).</summary>
    public const string CredentialsMissing = "PUSH_CREDENTIALS_MISSING";

    /// <summary>HTTP 401: the <c>Authorization</c> (or <c>X-A2A-Notification-Token</c>) header is not one of the configured sender tokens for that header.</summary>
    public const string TokenInvalid = "PUSH_TOKEN_INVALID";

    /// <summary>HTTP 403: the signature verified, but its issuer is not one of <see cref="A2APushReceiverOptions.TrustedSenders"/>.</summary>
    public const string SenderNotAllowed = "PUSH_SENDER_NOT_ALLOWED";

    /// <summary>HTTP 400: the body is not one A2A <c>StreamResponse</c> naming a task.</summary>
    public const string EventMalformed = "PUSH_EVENT_MALFORMED";

    /// <summary>HTTP 500: the application's handler failed; the answer carries a correlation id, the log the exception.</summary>
    public const string HandlerFailed = "PUSH_HANDLER_FAILED";
}
