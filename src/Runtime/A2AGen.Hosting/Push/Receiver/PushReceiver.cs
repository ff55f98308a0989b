using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace A2AGen.Hosting;

/// <summary>
/// One mapped push receiver, in this order: media type → body size → sender (a present <c>A2A-Signature</c> is always
/// verified: trusted key by <c>iss</c>/<c>kid</c>, times with skew, <c>aud</c>/<c>htu</c> = the webhook URL,
/// <c>htm</c>, <c>bh</c> over the exact bytes, then the <c>jti</c> in the host's <see cref="IReplayCache"/>; without
/// one, a configured token in <c>Authorization</c> or <c>X-A2A-Notification-Token</c>, compared in constant time) →
/// allowed sender → one <c>StreamResponse</c> naming a task → the application's handler → 204. Every refusal names
/// its check.
/// </summary>
internal sealed class PushReceiver
{
    private const int MaxJsonDepth = 64;
    private const int MaxTaskIdLength = 1024;
    private const string SignatureHeader = "A2A-Signature";
    private const string NotificationTokenHeader = "X-A2A-Notification-Token";

    private readonly string _path;
    private readonly RequestTarget? _target;
    private readonly RequestSignatureValidator _validator;
    private readonly SenderJwksKeys _jwks;
    private readonly HashSet<string> _allowedSenders;
    private readonly TokenEntry[] _tokens;
    private readonly long _maxBodySize;
    private readonly PushReceiverTelemetry _telemetry;
    private readonly ILogger _logger;

    public PushReceiver(string path, A2APushReceiverOptions options, TrustStore hostTrust, SenderJwksKeys jwks, IReplayCache replayCache, TimeProvider time, PushReceiverTelemetry telemetry, ILogger logger)
    {
        _path = path;
        _target = options.PublicUrl is null ? null : RequestTarget.Create([options.PublicUrl, .. options.AcceptedUrls]);
        _jwks = jwks;
        _validator = new RequestSignatureValidator(jwks.IsEmpty ? hostTrust : new Keys(hostTrust, jwks), replayCache, new RequestSignatureValidationOptions
        {
            ClockSkew = options.ClockSkew,
            MaxLifetime = options.MaxSignatureLifetime,
            TimeProvider = time,
        });
        _allowedSenders = options.TrustedSenders.Count == 0 ? [] : [.. options.TrustedSenders, .. options.SenderJwks.Keys];
        _tokens = [.. options.TokenSenders.Select(t => new TokenEntry(t.SenderId, t.Header, t.Scheme, SHA256.HashData(Encoding.UTF8.GetBytes(t.Credentials))))];
        _maxBodySize = options.MaxBodySize;
        _telemetry = telemetry;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context, Func<A2APushNotification, CancellationToken, Task> handler)
    {
        var request = context.Request;
        if (!RequestBody.IsJsonContentType(request.ContentType))
        {
            await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, A2APushReceiverReasons.MediaTypeUnsupported,
                $"A push notification needs Content-Type: application/a2a+json (got '{CallerText.Sanitize(request.ContentType ?? "none", 64)}').").ConfigureAwait(false);
            return;
        }

        var (body, bodyError) = await RequestBody.ReadAsync(context, _maxBodySize).ConfigureAwait(false);
        if (body is null)
        {
            var tooLarge = bodyError!.HttpStatus == StatusCodes.Status413PayloadTooLarge;
            await RefuseAsync(context, tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                tooLarge ? A2APushReceiverReasons.TooLarge : A2APushReceiverReasons.BodyUnreadable,
                tooLarge ? $"The push notification exceeds this receiver's limit of {_maxBodySize} bytes." : "The push notification body could not be read.").ConfigureAwait(false);
            return;
        }

        using (body)
        {
            var sender = await AuthenticateAsync(context, body.Memory).ConfigureAwait(false);
            if (sender is null)
            {
                return;
            }

            if (!TryRead(body.Memory, out var @event, out var kind, out var taskId, out var contextId, out var problem))
            {
                await RefuseAsync(context, StatusCodes.Status400BadRequest, A2APushReceiverReasons.EventMalformed,
                    "The push notification is not one A2A StreamResponse naming a task: " + problem + ".").ConfigureAwait(false);
                return;
            }

            var notification = new A2APushNotification(@event!, kind, taskId!, contextId!, sender, context.RequestServices);
            try
            {
                await handler(notification, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var correlationId = CorrelationIds.New();
                PushReceiverLog.HandlerFailed(_logger, e, _path, sender.Id, CallerText.Sanitize(taskId!, 200), correlationId);
                _telemetry.Refused(A2APushReceiverReasons.HandlerFailed);
                await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, A2APushReceiverReasons.HandlerFailed,
                    $"The notification could not be handled; correlation id {correlationId}.").ConfigureAwait(false);
                return;
            }

            PushReceiverLog.Accepted(_logger, _path, kind, CallerText.Sanitize(taskId!, 200), sender.Id, sender.Authentication);
            _telemetry.Accepted(sender.Id, sender.Authentication, kind);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
    }

    private async Task<A2APushSender?> AuthenticateAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        var request = context.Request;
        var signatures = request.Headers[SignatureHeader];
        if (signatures.Count > 1)
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, RequestSignatureReasons.Malformed, "The notification carries more than one A2A-Signature header.").ConfigureAwait(false);
            return null;
        }

        if (signatures.Count == 1)
        {
            return await VerifySignatureAsync(context, signatures[0]!, body).ConfigureAwait(false);
        }

        if (_tokens.Length == 0)
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, RequestSignatureReasons.Missing,
                "The notification has no A2A-Signature; this receiver accepts only signed notifications.").ConfigureAwait(false);
            return null;
        }

        var authorization = request.Headers.Authorization;
        var notificationToken = request.Headers[NotificationTokenHeader];
        if (authorization.Count == 0 && notificationToken.Count == 0)
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, A2APushReceiverReasons.CredentialsMissing,
                "The notification has neither an A2A-Signature nor a token (Authorization or X-A2A-Notification-Token).").ConfigureAwait(false);
            return null;
        }

        // Authorization decides when present; X-A2A-Notification-Token is the SDKs' form for configurations without authentication.
        var (header, presented) = authorization.Count > 0 ? ("Authorization", authorization) : (NotificationTokenHeader, notificationToken);
        var senderId = presented.Count != 1 ? null
            : authorization.Count > 0 ? MatchToken(presented[0]!) : MatchNotificationToken(presented[0]!);
        if (senderId is null)
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, A2APushReceiverReasons.TokenInvalid,
                $"The {header} header is not a token this receiver accepts.").ConfigureAwait(false);
            return null;
        }

        return new A2APushSender(senderId, A2APushAuthentication.Token, signature: null);
    }

    private async Task<A2APushSender?> VerifySignatureAsync(HttpContext context, string token, ReadOnlyMemory<byte> body)
    {
        var request = context.Request;
        var target = _target ?? RequestTarget.Create(request.Scheme + "://" + request.Host.ToUriComponent() + request.PathBase.ToUriComponent() + request.Path.ToUriComponent());
        await _jwks.PrepareAsync(token, context.RequestAborted).ConfigureAwait(false);
        var result = await _validator.ValidateAsync(token, request.Method, target, target, body, context.RequestAborted).ConfigureAwait(false);
        if (result.IsValid)
        {
            var signature = result.Signature!;
            if (_allowedSenders.Count > 0 && !_allowedSenders.Contains(signature.Issuer))
            {
                await RefuseAsync(context, StatusCodes.Status403Forbidden, A2APushReceiverReasons.SenderNotAllowed,
                    $"'{signature.Issuer}' is trusted by this host but is not one of this receiver's senders.").ConfigureAwait(false);
                return null;
            }

            return new A2APushSender(signature.Issuer, A2APushAuthentication.Signature, signature);
        }

        var detail = $"The A2A-Signature was refused: {result.Detail}.";
        if (result.IsUnavailable)
        {
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, result.Reason!,
                "The signature could not be checked against the replay cache; send the notification again with a new signature.", detail).ConfigureAwait(false);
        }
        else if (RequestSignatureReasons.IsUntrustedSigner(result.Reason))
        {
            // Unknown issuer, unknown key and a key of another agent get one answer (no trust enumeration); the log keeps which.
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, RequestSignatureReasons.IssuerUntrusted,
                "The A2A-Signature was refused: no key this receiver trusts for its issuer has its kid.", detail, result.Reason).ConfigureAwait(false);
        }
        else
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, result.Reason!, detail).ConfigureAwait(false);
        }

        return null;
    }

    // Every configured token is compared (hashes of equal length, constant time), so timing says neither which one
    // matched nor how much of a guess was right.
    private string? MatchToken(string authorization)
    {
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return null;
        }

        var scheme = authorization.AsSpan(0, space);
        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(authorization[(space + 1)..].Trim()), presented);
        string? match = null;
        foreach (var token in _tokens)
        {
            var same = CryptographicOperations.FixedTimeEquals(presented, token.CredentialsHash);
            if (same && token.Header == A2APushTokenHeader.Authorization && scheme.Equals(token.Scheme, StringComparison.OrdinalIgnoreCase))
            {
                match ??= token.SenderId;
            }
        }

        return match;
    }

    private string? MatchNotificationToken(string value)
    {
        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(value.Trim()), presented);
        string? match = null;
        foreach (var token in _tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, token.CredentialsHash) && token.Header == A2APushTokenHeader.NotificationToken)
            {
                match ??= token.SenderId;
            }
        }

        return match;
    }

    private static bool TryRead(ReadOnlyMemory<byte> json, out StreamResponse? @event, out A2APushEventKind kind, out string? taskId, out string? contextId, out string? problem)
    {
        kind = default;
        taskId = contextId = null;
        try
        {
            // The common case in one pass; the slower diagnosis below only runs for a body that does not fit.
            @event = A2AJson.Deserialize<StreamResponse>(json.Span);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            @event = null;
            problem = Diagnose(json, e as JsonException);
            return false;
        }

        if (@event is null)
        {
            problem = "the body is not a JSON object";
            return false;
        }

        if (JsonTextCheck.FindInvalidUnicode(json.Span) is { } path)
        {
            problem = $"{(path.Length == 0 ? "a member name" : CallerText.Sanitize(path, 200))} is not valid Unicode";
            return false;
        }

        var set = (@event.Task is null ? 0 : 1) + (@event.Message is null ? 0 : 1) + (@event.StatusUpdate is null ? 0 : 1) + (@event.ArtifactUpdate is null ? 0 : 1);
        if (set != 1)
        {
            problem = set == 0 ? "none of task, message, statusUpdate, artifactUpdate is set" : "more than one of task, message, statusUpdate, artifactUpdate is set";
            return false;
        }

        (kind, taskId, contextId) = @event switch
        {
            { Task: { } task } => (A2APushEventKind.Task, task.Id, task.ContextId),
            { Message: { } message } => (A2APushEventKind.Message, message.TaskId, message.ContextId),
            { StatusUpdate: { } status } => (A2APushEventKind.StatusUpdate, status.TaskId, status.ContextId),
            _ => (A2APushEventKind.ArtifactUpdate, @event.ArtifactUpdate!.TaskId, @event.ArtifactUpdate.ContextId),
        };
        if (string.IsNullOrEmpty(taskId) || taskId.Length > MaxTaskIdLength)
        {
            problem = string.IsNullOrEmpty(taskId) ? "the event names no task id" : $"the task id is longer than {MaxTaskIdLength} characters";
            return false;
        }

        contextId ??= "";
        problem = null;
        return true;
    }

    // Why a body did not read as a StreamResponse, in A2AGen's words (never System.Text.Json's message).
    private static string Diagnose(ReadOnlyMemory<byte> json, JsonException? failure)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
        }
        catch (JsonException)
        {
            return "the body is not valid JSON: " + JsonTextCheck.DescribeSyntaxError(json.Span, MaxJsonDepth);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "the body is not a JSON object";
            }

            if (JsonTextCheck.FindInvalidUnicode(json.Span) is { } path)
            {
                return $"{(path.Length == 0 ? "a member name" : CallerText.Sanitize(path, 200))} is not valid Unicode";
            }

            if (failure is null)
            {
                return "a value does not fit";
            }

            var what = JsonMismatch.Describe(A2AJson.GetTypeInfo<StreamResponse>(), failure.Path, root, out var segments);
            var at = JsonPaths.Format("", segments).TrimStart('.');
            return CallerText.Sanitize(at.Length == 0 ? what : at + ": " + what, 500);
        }
    }

    private Task RefuseAsync(HttpContext context, int status, string reason, string message, string? loggedDetail = null, string? loggedReason = null)
    {
        message = CallerText.Sanitize(message, A2AError.MaxMessageLength);
        var precise = loggedReason ?? reason;
        PushReceiverLog.Refused(_logger, _path, precise, status, CallerText.Sanitize(loggedDetail ?? message, A2AError.MaxMessageLength));
        _telemetry.Refused(precise);
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = _tokens.Length == 0 ? SignatureHeader : new Microsoft.Extensions.Primitives.StringValues([SignatureHeader, "Bearer"]);
        }

        return WriteErrorAsync(context, status, reason, message);
    }

    // google.rpc.Status in its HTTP form, as the HTTP+JSON binding answers: {"error":{"code","status","message","details":[ErrorInfo]}}.
    private static async Task WriteErrorAsync(HttpContext context, int status, string reason, string message)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        using var buffer = new PooledBufferWriter(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error"u8);
            writer.WriteNumber("code"u8, status);
            writer.WriteString("status"u8, StatusName(status));
            writer.WriteString("message"u8, message);
            writer.WriteStartArray("details"u8);
            writer.WriteStartObject();
            writer.WriteString("@type"u8, A2AGen.Protocol.JsonRpc.ErrorInfo.TypeUrl);
            writer.WriteString("reason"u8, reason);
            writer.WriteString("domain"u8, A2AGen.Protocol.JsonRpc.ErrorInfo.A2AGenDomain);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private static string StatusName(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "UNAUTHENTICATED",
        StatusCodes.Status403Forbidden => "PERMISSION_DENIED",
        StatusCodes.Status500InternalServerError => "INTERNAL",
        StatusCodes.Status503ServiceUnavailable => "UNAVAILABLE",
        _ => "INVALID_ARGUMENT",
    };

    private sealed record TokenEntry(string SenderId, A2APushTokenHeader Header, string Scheme, byte[] CredentialsHash);

    // The host's trust store first, then the keys fetched from configured JWKS URLs.
    private sealed class Keys(TrustStore host, SenderJwksKeys fetched) : IJwsKeyResolver
    {
        public IReadOnlyList<TrustedKey> ResolveKeys(string? issuer, string? keyId)
        {
            var own = host.ResolveKeys(issuer, keyId);
            var remote = fetched.ResolveKeys(issuer, keyId);
            return remote.Count == 0 ? own : own.Count == 0 ? remote : [.. own, .. remote];
        }
    }
}
