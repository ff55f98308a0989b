using System.Diagnostics;
using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;
using A2AGen.Protocol.JsonRpc;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// The JSON-RPC endpoint (POST <c>{path}</c>) and its pipeline (DESIGN §8): media type → body size limit →
/// <c>A2A-Version</c> → JSON-RPC parse (depth limit) → extensions → method. Message methods continue with routing →
/// request signature → passport → skill policy → dispatch; task methods with the request signature → the task.
/// Every rejection is answered, logged with its stage and reason, and counted.
/// </summary>
internal static class JsonRpcEndpoint
{
    /// <summary>The reason of a request that reached the agent without a trusted client certificate although mutual TLS is required.</summary>
    public const string ClientCertificateRequired = "CLIENT_CERTIFICATE_REQUIRED";

    public static async Task HandleAsync(HttpContext http, AgentHost agent)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = agent.Telemetry.StartRequest(agent.AgentId);
        var request = new A2ARequest(http, agent, activity);
        A2AError? error;
        try
        {
            error = await RunAsync(request).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            HostingLog.ClientGone(agent.Logger, agent.AgentId, request.Method);
            error = null;
        }
        catch (TaskQuotaExceededException)
        {
            error = A2AError.TaskQuotaExceeded();
        }
        catch (TaskStoreFullException)
        {
            error = A2AError.Unavailable("TASK_CAPACITY_EXCEEDED", "The agent holds as many tasks as it can keep; retry later.");
        }
        catch (Exception ex)
        {
            var correlationId = CorrelationIds.New();
            HostingLog.InternalError(agent.Logger, ex, agent.AgentId, request.Method, correlationId);
            error = A2AError.Internal(correlationId);
        }

        try
        {
            if (error is not null)
            {
                await RejectAsync(request, error).ConfigureAwait(false);
            }
        }
        finally
        {
            request.Envelope?.Dispose();
            request.Body?.Dispose();
            agent.Telemetry.RecordRequest(agent.AgentId, request.Method);
            agent.Telemetry.RecordRequestDuration(agent.AgentId, request.Method, started);
        }
    }

    private static async ValueTask<A2AError?> RunAsync(A2ARequest request)
    {
        var http = request.Http;
        var agent = request.Agent;
        var options = agent.Options;

        A2AError? certificateRequired = null;
        if (agent.MutualTls is { } trust)
        {
            request.Stage = "mtls";
            if (http.Connection.ClientCertificate is { } certificate && trust.IsTrusted(certificate, out var identity, out _))
            {
                request.PeerCertificate = certificate;
                request.PeerIdentity = identity;
            }
            else if (trust.Options.RequireClientCertificate)
            {
                // Reached only through an endpoint without client-certificate checks (plain HTTP, or HTTPS configured
                // without UseA2AClientCertificates): the card promises mutual TLS, so the request is refused here too —
                // once its body is read (within the limits), so that the answer carries the request's id.
                certificateRequired = A2AError.Unauthenticated(ClientCertificateRequired,
                    "This agent requires mutual TLS: connect over HTTPS with a client certificate it trusts.");
            }
        }

        request.Stage = "media-type";
        if (!RequestBody.IsJsonContentType(http.Request.ContentType))
        {
            return certificateRequired ?? A2AError.UnsupportedMediaType(http.Request.ContentType);
        }

        request.Stage = "body";
        var (body, error) = await RequestBody.ReadAsync(http, options.MaxRequestBodySize).ConfigureAwait(false);
        if (error is not null)
        {
            return certificateRequired ?? error;
        }

        request.Body = body;
        if (certificateRequired is not null)
        {
            request.Stage = "mtls";
            request.Id = JsonRpcEnvelope.ScanId(body!.Memory.Span);
            return certificateRequired;
        }

        request.Stage = "version";
        error = ProtocolVersion.Check(http.Request, options.TreatMissingVersionAsCurrent);
        if (error is not null)
        {
            request.Id = JsonRpcEnvelope.ScanId(body!.Memory.Span);
            return error;
        }

        request.Stage = "parse";
        error = JsonRpcEnvelope.TryParse(body!.Memory, options.MaxJsonDepth, out var envelope, out var id);
        request.Id = id;
        if (error is not null)
        {
            return error;
        }

        request.Envelope = envelope;
        request.Method = KnownMethods.ForTelemetry(envelope!.Method);
        request.Activity?.SetTag("rpc.method", request.Method);
        if (request.Activity is { } activity)
        {
            activity.DisplayName = "A2A " + request.Method;
        }

        request.Stage = "extensions";
        error = agent.Extensions.Negotiate(http.Request, out var activated);
        if (error is not null)
        {
            return error;
        }

        request.ActivatedExtensions = activated;
        if (activated.Length > 0)
        {
            http.Response.Headers[A2AProtocol.ExtensionsHeader] = string.Join(", ", activated);
        }

        request.Stage = "method";
        switch (envelope.Method)
        {
            case A2AMethods.SendMessage:
                return await SendMessageMethod.HandleAsync(request, streaming: false).ConfigureAwait(false);
            case A2AMethods.SendStreamingMessage:
                return await SendMessageMethod.HandleAsync(request, streaming: true).ConfigureAwait(false);
            case A2AMethods.CreateTaskPushNotificationConfig:
            case A2AMethods.GetTaskPushNotificationConfig:
            case A2AMethods.ListTaskPushNotificationConfigs:
            case A2AMethods.DeleteTaskPushNotificationConfig:
                return A2AError.PushNotificationNotSupported();
            case A2AMethods.GetTask:
            case A2AMethods.ListTasks:
            case A2AMethods.CancelTask:
            case A2AMethods.SubscribeToTask:
            case A2AMethods.GetExtendedAgentCard:
                var verifying = Stopwatch.GetTimestamp();
                error = await SecurityStages.VerifyRequestSignatureAsync(request, skill: null).ConfigureAwait(false);
                agent.Telemetry.RecordVerification(agent.AgentId, verifying);
                return error ?? envelope.Method switch
                {
                    A2AMethods.GetTask => await TaskMethods.GetAsync(request).ConfigureAwait(false),
                    A2AMethods.ListTasks => await TaskMethods.ListAsync(request).ConfigureAwait(false),
                    A2AMethods.CancelTask => await TaskMethods.CancelAsync(request).ConfigureAwait(false),
                    A2AMethods.SubscribeToTask => await TaskMethods.SubscribeAsync(request).ConfigureAwait(false),
                    _ => await ExtendedCardMethod.HandleAsync(request).ConfigureAwait(false),
                };
            default:
                return LegacyMethodNames.Unknown(envelope.Method);
        }
    }

    private static async Task RejectAsync(A2ARequest request, A2AError error)
    {
        var agent = request.Agent;
        if (error.IsSecurity)
        {
            HostingLog.SecurityRejected(agent.Logger, agent.AgentId, request.Stage, error.LoggedReason, error.HttpStatus, error.LoggedMessage);
        }
        else
        {
            HostingLog.Rejected(agent.Logger, agent.AgentId, request.Stage, error.LoggedReason, error.Code, error.HttpStatus, error.LoggedMessage);
        }

        agent.Telemetry.RecordRejection(agent.AgentId, error.LoggedReason);
        if (request.Activity is { } activity)
        {
            activity.SetTag("error.type", error.LoggedReason);
            activity.SetStatus(ActivityStatusCode.Error, error.LoggedReason);
        }

        var response = request.Http.Response;
        if (response.HasStarted)
        {
            return;
        }

        if (error.HttpStatus == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "A2A-Signature";
        }

        if (error.HttpStatus == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = "1";
        }
        else if (error.HttpStatus == StatusCodes.Status429TooManyRequests)
        {
            response.Headers.RetryAfter = "60";
        }

        await JsonRpcResponseWriter.WriteErrorAsync(response, request.Id, error).ConfigureAwait(false);
    }
}
