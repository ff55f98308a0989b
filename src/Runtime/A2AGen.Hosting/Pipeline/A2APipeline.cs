using System.Diagnostics;
using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// The one request pipeline every binding runs (DESIGN §8): it walks <see cref="PipelineStages.Ordered"/> — mutual TLS →
/// media type → body limit → version → parse → extensions → params → routing → request signature → replay → passport →
/// Biscuit → policy → encryption → dispatch — and stops at the first refusal, which is answered in the binding's error form, logged with its
/// stage and reason, and counted. A binding only parses, decodes and encodes; it cannot leave a stage out.
/// </summary>
internal static class A2APipeline
{
    /// <summary>The reason of a request that reached the agent without a trusted client certificate although mutual TLS is required.</summary>
    public const string ClientCertificateRequired = "CLIENT_CERTIFICATE_REQUIRED";

    /// <summary>Handles one HTTP request carried by <paramref name="binding"/>.</summary>
    public static async Task HandleAsync(HttpContext http, AgentHost agent, IA2ABinding binding)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = agent.Telemetry.StartRequest(agent.AgentId, binding.Name);
        var request = new A2ARequest(http, agent, activity, binding);
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
        catch (TaskStoreUnavailableException ex)
        {
            HostingLog.StateStoreUnavailable(agent.Logger, ex, agent.AgentId, request.Method);
            error = A2AError.Unavailable(TaskStoreUnavailableException.Reason, "The agent's state store cannot be reached; nothing was changed. Retry later.");
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
            binding.Release(request);
            request.Body?.Dispose();
            agent.Telemetry.RecordRequest(agent.AgentId, request.Method);
            agent.Telemetry.RecordRequestDuration(agent.AgentId, request.Method, started);
        }
    }

    private static async ValueTask<A2AError?> RunAsync(A2ARequest request)
    {
        foreach (var stage in PipelineStages.Ordered)
        {
            request.Stage = stage;
            var error = await RunStageAsync(request, stage).ConfigureAwait(false);
            if (stage.IsSecurity() && (error is not null || stage == PipelineStage.Encryption) && request.VerificationStarted != 0)
            {
                request.Agent.Telemetry.RecordVerification(request.Agent.AgentId, request.VerificationStarted);
                request.VerificationStarted = 0;
            }

            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static ValueTask<A2AError?> RunStageAsync(A2ARequest request, PipelineStage stage) => stage switch
    {
        PipelineStage.MutualTls => new(CheckMutualTls(request)),
        PipelineStage.MediaType => new(CheckMediaType(request)),
        PipelineStage.BodyLimit => ReadBodyAsync(request),
        PipelineStage.Version => new(CheckVersion(request)),
        PipelineStage.Parse => new(Parse(request)),
        PipelineStage.Extensions => new(NegotiateExtensions(request)),
        PipelineStage.Params => new(OperationDispatcher.Decode(request)),
        PipelineStage.Routing => RouteAsync(request),
        PipelineStage.Signature => SecurityStages.VerifyRequestSignatureAsync(request, request.Skill),
        PipelineStage.Replay => default, // recorded by the signature check as its last step (see SecurityStages)
        PipelineStage.Passport => request.Skill is { } skill ? SecurityStages.VerifyPassportAsync(request, ((SendMessageRequest)request.Input!).Message!, skill) : default,
        PipelineStage.Biscuit => new(BiscuitStage.Check(request)),
        PipelineStage.Policy => new(SecurityStages.CheckPolicy(request)),
        PipelineStage.Encryption => new(EncryptionStage.Check(request)),
        PipelineStage.Dispatch => OperationDispatcher.DispatchAsync(request),
        _ => throw new InvalidOperationException($"Stage {stage} is not a pipeline stage."),
    };

    private static A2AError? CheckMutualTls(A2ARequest request)
    {
        if (request.Agent.MutualTls is not { } trust)
        {
            return null;
        }

        var http = request.Http;
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
            request.PendingRefusal = A2AError.Unauthenticated(ClientCertificateRequired,
                "This agent requires mutual TLS: connect over HTTPS with a client certificate it trusts.");
        }

        return null;
    }

    private static A2AError? CheckMediaType(A2ARequest request)
    {
        var contentType = request.Http.Request.ContentType;
        if (!request.Binding.HasBody(request) || request.Binding.AcceptsMediaType(contentType))
        {
            return null;
        }

        return request.PendingRefusal ?? A2AError.UnsupportedMediaType(contentType);
    }

    private static async ValueTask<A2AError?> ReadBodyAsync(A2ARequest request)
    {
        var (body, error) = await RequestBody.ReadAsync(request.Http, request.Agent.Options.MaxRequestBodySize, request.Binding.FramingOverhead).ConfigureAwait(false);
        if (error is not null)
        {
            return request.PendingRefusal ?? error;
        }

        request.Body = body;
        if (request.PendingRefusal is { } refusal)
        {
            request.Stage = PipelineStage.MutualTls;
            request.Binding.PrepareEarlyRefusal(request);
            return refusal;
        }

        return null;
    }

    private static A2AError? CheckVersion(A2ARequest request)
    {
        var error = ProtocolVersion.Check(request.Http.Request, request.Agent.Options.TreatMissingVersionAsCurrent);
        if (error is not null && V03Dialect.MayApply(request))
        {
            // 0.3 or no version on JSON-RPC: the method name decides once parsed (V03Dialect.Select).
            error = null;
        }

        if (error is not null)
        {
            request.Binding.PrepareEarlyRefusal(request);
        }

        return error;
    }

    private static A2AError? Parse(A2ARequest request)
    {
        var error = request.Binding.Parse(request);
        if (request.Activity is { } activity && request.Method != "unknown")
        {
            activity.SetTag("rpc.method", request.Method);
            activity.DisplayName = "A2A " + request.Method;
        }

        return error;
    }

    private static A2AError? NegotiateExtensions(A2ARequest request)
    {
        var error = request.Agent.Extensions.Negotiate(request.Http.Request, out var activated);
        if (error is not null)
        {
            return error;
        }

        request.ActivatedExtensions = activated;
        if (activated.Length > 0)
        {
            request.Http.Response.Headers[request.IsV03 ? A2AProtocol.LegacyExtensionsHeader : A2AProtocol.ExtensionsHeader] = string.Join(", ", activated);
        }

        return null;
    }

    private static ValueTask<A2AError?> RouteAsync(A2ARequest request)
    {
        if (!request.Operation.IsMessage())
        {
            return default;
        }

        var message = ((SendMessageRequest)request.Input!).Message!;
        return message.TaskId is { } taskId && !NamesSkill(message) ? RouteContinuationAsync(request, message, taskId) : new(Route(request, message));
    }

    private static bool NamesSkill(Message message) => message.Metadata?.ContainsKey(A2AProtocol.SkillMetadataKey) == true;

    // A message continuing an interrupted task goes to the skill that stopped it (recorded in the task), so a caller need
    // not repeat the skill. Whether the caller may continue the task is decided after the security stages; an unknown
    // task routes like any message and is refused then.
    private static async ValueTask<A2AError?> RouteContinuationAsync(A2ARequest request, Message message, string taskId)
    {
        var agent = request.Agent;
        var record = await agent.Store.GetAsync(agent.AgentId, taskId, request.Aborted).ConfigureAwait(false);
        if (record is not null && TaskLifecycle.InterruptedSkillOf(record.Task) is { } skillId && agent.Descriptor.FindSkill(skillId) is { } skill)
        {
            request.Skill = skill;
            request.Activity?.SetTag("a2a.skill.id", skill.Id);
            return null;
        }

        return Route(request, message);
    }

    private static A2AError? Route(A2ARequest request, Message message)
    {
        var skill = request.Agent.Descriptor.Route(message, out var routeError);
        if (skill is null)
        {
            return A2AError.InvalidParams(request.Field($"message.metadata[\"{A2AProtocol.SkillMetadataKey}\"]"), routeError ?? "No skill matches the message.", "SKILL_NOT_FOUND");
        }

        request.Skill = skill;
        request.Activity?.SetTag("a2a.skill.id", skill.Id);
        return null;
    }

    private static async Task RejectAsync(A2ARequest request, A2AError error)
    {
        var agent = request.Agent;
        var stage = request.Stage.Name();
        if (error.IsSecurity)
        {
            HostingLog.SecurityRejected(agent.Logger, agent.AgentId, stage, error.LoggedReason, error.HttpStatus, error.LoggedMessage);
        }
        else
        {
            HostingLog.Rejected(agent.Logger, agent.AgentId, stage, error.LoggedReason, error.Code, error.HttpStatus, error.LoggedMessage);
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
            request.Binding.WriteLateError(request, error);
            return;
        }

        if (error.HttpStatus == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = error.Reason.StartsWith("BISCUIT_", StringComparison.Ordinal) ? "Bearer" : "A2A-Signature";
        }

        if (error.HttpStatus == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = "1";
        }
        else if (error.HttpStatus == StatusCodes.Status429TooManyRequests)
        {
            response.Headers.RetryAfter = "60";
        }

        await request.Binding.WriteErrorAsync(request, error).ConfigureAwait(false);
    }
}
