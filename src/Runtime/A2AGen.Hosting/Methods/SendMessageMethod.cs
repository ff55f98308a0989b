using System.Diagnostics;
using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using Microsoft.Extensions.DependencyInjection;
using TaskStatus = A2AGen.Protocol.TaskStatus;

namespace A2AGen.Hosting;

/// <summary>
/// <c>SendMessage</c> and <c>SendStreamingMessage</c>: params → routing → security stages → content types → the
/// skill, run in one of four ways. A skill that returns a <see cref="Message"/> answers with that message directly
/// (no task); every other skill runs as a task: to completion before answering (the default), in the background
/// (<c>returnImmediately</c>), or streamed as events (task, WORKING, artifact updates, final status).
/// </summary>
internal static class SendMessageMethod
{
    private const int MaxMessageIdLength = 256;

    public static async ValueTask<A2AError?> HandleAsync(A2ARequest request, bool streaming)
    {
        var agent = request.Agent;
        if (streaming && !agent.SupportsStreaming)
        {
            return A2AError.UnsupportedOperation($"Agent '{agent.AgentId}' does not stream (capabilities.streaming is false); use SendMessage.");
        }

        var error = ParamsReader.Read<SendMessageRequest>(request, out var send) ?? Validate(send!);
        if (error is not null)
        {
            return error;
        }

        var message = send!.Message!;
        request.Stage = "routing";
        var skill = agent.Descriptor.Route(message, out var routeError);
        if (skill is null)
        {
            return A2AError.InvalidParams($"params.message.metadata[\"{A2AProtocol.SkillMetadataKey}\"]", routeError ?? "No skill matches the message.", "SKILL_NOT_FOUND");
        }

        request.Activity?.SetTag("a2a.skill.id", skill.Id);
        var verifying = Stopwatch.GetTimestamp();
        error = await SecurityStages.VerifyRequestSignatureAsync(request, skill).ConfigureAwait(false)
            ?? await SecurityStages.VerifyPassportAsync(request, message, skill).ConfigureAwait(false)
            ?? SecurityStages.CheckPolicy(request, skill);
        agent.Telemetry.RecordVerification(agent.AgentId, verifying);
        if (error is not null)
        {
            return error;
        }

        request.Stage = "params";
        var modes = agent.ModesOf(skill);
        error = MediaTypes.CheckInput(message, skill, modes.Input) ?? MediaTypes.CheckOutput(send.Configuration?.AcceptedOutputModes, skill, modes.Output);
        if (error is not null)
        {
            return error;
        }

        if (message.TaskId is { } existingTaskId)
        {
            return await RefuseFollowUpAsync(request, existingTaskId, message.ContextId).ConfigureAwait(false);
        }

        request.Stage = "dispatch";
        var contextId = message.ContextId ?? TaskIds.NewId();
        if (skill.Output == SkillOutputKind.Message)
        {
            return await AnswerWithMessageAsync(request, skill, message with { ContextId = contextId }, streaming).ConfigureAwait(false);
        }

        var taskId = TaskIds.NewId();
        request.Activity?.SetTag("a2a.task.id", taskId);
        var userMessage = message with { ContextId = contextId, TaskId = taskId };
        if (streaming || send.Configuration?.ReturnImmediately == true)
        {
            return await StartTaskAsync(request, skill, taskId, contextId, userMessage, streaming, send.Configuration?.HistoryLength).ConfigureAwait(false);
        }

        return await RunToCompletionAsync(request, skill, taskId, contextId, userMessage, send.Configuration?.HistoryLength).ConfigureAwait(false);
    }

    private static A2AError? Validate(SendMessageRequest send)
    {
        if (send.Message is not { } message)
        {
            return A2AError.InvalidParams("params.message", "is required.");
        }

        // Absent fields of the protocol records deserialize as null despite their declared defaults.
        if (string.IsNullOrEmpty(message.MessageId))
        {
            return A2AError.InvalidParams("params.message.messageId", "is required.");
        }

        if (message.MessageId.Length > MaxMessageIdLength)
        {
            return A2AError.InvalidParams("params.message.messageId", $"is longer than {MaxMessageIdLength} characters.");
        }

        if (message.Role != Role.User)
        {
            return A2AError.InvalidParams("params.message.role", "must be ROLE_USER.");
        }

        if (message.Parts is null || message.Parts.Count == 0)
        {
            return A2AError.InvalidParams("params.message.parts", "needs at least one part.");
        }

        for (var i = 0; i < message.Parts.Count; i++)
        {
            if (message.Parts[i] is not { ContentCount: 1 })
            {
                return A2AError.InvalidParams($"params.message.parts[{i}]", "must have exactly one of text, raw, url, data.");
            }
        }

        if (message.ContextId is { } contextId && !TaskIds.IsValid(contextId))
        {
            return A2AError.InvalidParams("params.message.contextId", TaskIds.Rule + ".");
        }

        if (message.TaskId is { } taskId && !TaskIds.IsValid(taskId))
        {
            return A2AError.InvalidParams("params.message.taskId", TaskIds.Rule + ".");
        }

        if (send.Configuration?.HistoryLength is < 0)
        {
            return A2AError.InvalidParams("params.configuration.historyLength", "must not be negative.");
        }

        return null;
    }

    // A2AGen skills take one message per task and never ask for more input, so a message naming a task can only be
    // refused; the error says why (unknown, finished, or still running).
    private static async ValueTask<A2AError?> RefuseFollowUpAsync(A2ARequest request, string taskId, string? contextId)
    {
        request.Stage = "task";
        var record = await request.Agent.Store.GetAsync(request.Agent.AgentId, taskId, request.Aborted).ConfigureAwait(false);
        if (record is null || !string.Equals(record.OwnerId, request.CallerId, StringComparison.Ordinal))
        {
            return A2AError.TaskNotFound(taskId);
        }

        if (contextId is not null && !string.Equals(contextId, record.Task.ContextId, StringComparison.Ordinal))
        {
            return A2AError.InvalidParams("params.message.contextId", $"does not match the context of task '{taskId}'.");
        }

        var state = TaskStateNames.Of(record.Task.Status.State);
        return record.Task.Status.State.IsTerminal()
            ? A2AError.UnsupportedOperation($"Task '{taskId}' is {state}; a finished task accepts no further messages. Send a new message without taskId.")
            : A2AError.UnsupportedOperation($"Task '{taskId}' is {state}; its skill takes one message per task. Wait for it to finish or cancel it.");
    }

    private static SkillInvocation Invocation(A2ARequest request, SkillDescriptor skill, Message message, string taskId, string contextId, IServiceProvider services, CancellationToken cancellationToken) =>
        new()
        {
            Skill = skill,
            Json = request.Agent.Options.Json,
            Passport = request.Passport is { Status: not Passport.PassportStatus.Absent } passport ? passport : null,
            Context = new SkillContext
            {
                AgentId = request.Agent.AgentId,
                SkillId = skill.Id,
                Message = message,
                TaskId = taskId,
                ContextId = contextId,
                RequestSignature = request.Signature,
                PeerIdentity = request.PeerIdentity,
                PeerCertificate = request.PeerCertificate,
                User = request.Http.User,
                ActivatedExtensions = request.ActivatedExtensions,
                Services = services,
                CancellationToken = cancellationToken,
            },
        };

    private static async ValueTask<A2AError?> RunToCompletionAsync(A2ARequest request, SkillDescriptor skill, string taskId, string contextId, Message userMessage, int? historyLength)
    {
        var agent = request.Agent;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted, agent.Stopping);
        var invocation = Invocation(request, skill, userMessage, taskId, contextId, request.Http.RequestServices, cancellation.Token);
        List<Part> parts;
        try
        {
            var result = await agent.Registration.Dispatch(request.Http.RequestServices, invocation).ConfigureAwait(false);
            parts = await CollectAsync(result, cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (Failure(request, skill, taskId, ex, cancellation.Token) is { } error)
        {
            return error;
        }

        if (SkillOutput.FindUnwritable(parts) is { } unwritable)
        {
            return Unwritable(request, skill, "artifact " + unwritable);
        }

        var task = new AgentTask
        {
            Id = taskId,
            ContextId = contextId,
            Status = new TaskStatus { State = TaskState.Completed, Timestamp = agent.Time.GetUtcNow() },
            Artifacts = parts.Count == 0 ? null : [new Artifact { ArtifactId = TaskIds.NewId(), Parts = parts }],
            History = [userMessage],
        };
        try
        {
            await agent.Store.SaveAsync(new TaskRecord { AgentId = agent.AgentId, OwnerId = request.CallerId, Task = task }, agent.Options.TaskTimeToLive, request.Aborted).ConfigureAwait(false);
        }
        catch (TaskStoreFullException ex)
        {
            // The skill has run: answering 503 would invite a retry that runs it again. The caller gets its complete
            // task now; it just cannot be read back later.
            HostingLog.TaskSaveFailed(agent.Logger, ex, agent.AgentId, taskId);
        }

        await JsonRpcResponseWriter.WriteResultAsync(request.Http.Response, request.Id, new SendMessageResponse { Task = TaskViews.WithHistory(task, historyLength) }, A2AJson.GetTypeInfo<SendMessageResponse>()).ConfigureAwait(false);
        return null;
    }

    private static async ValueTask<A2AError?> AnswerWithMessageAsync(A2ARequest request, SkillDescriptor skill, Message userMessage, bool streaming)
    {
        var agent = request.Agent;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted, agent.Stopping);
        var contextId = userMessage.ContextId!;
        var invocation = Invocation(request, skill, userMessage, TaskIds.NewId(), contextId, request.Http.RequestServices, cancellation.Token);
        Message reply;
        try
        {
            var result = await agent.Registration.Dispatch(request.Http.RequestServices, invocation).ConfigureAwait(false);
            reply = result.Message is { } message
                ? message with
                {
                    MessageId = string.IsNullOrEmpty(message.MessageId) ? TaskIds.NewId() : message.MessageId,
                    ContextId = message.ContextId ?? contextId,
                    Role = message.Role == Role.Unspecified ? Role.Agent : message.Role,
                    TaskId = null,
                }
                : new Message { MessageId = TaskIds.NewId(), ContextId = contextId, Role = Role.Agent, Parts = await CollectAsync(result, cancellation.Token).ConfigureAwait(false) };
        }
        catch (Exception ex) when (Failure(request, skill, "(none: direct message)", ex, cancellation.Token) is { } error)
        {
            return error;
        }

        if (reply.Parts is not { Count: > 0 } || reply.Parts.Any(p => p is not { ContentCount: 1 }))
        {
            request.Stage = "skill";
            return A2AError.InvalidAgentResponse($"Skill '{skill.Id}' answered a message without valid parts (each part needs exactly one of text, raw, url, data).");
        }

        if (SkillOutput.FindUnwritable(reply.Parts, reply.Metadata) is { } unwritable)
        {
            return Unwritable(request, skill, "message " + unwritable);
        }

        if (streaming)
        {
            using var events = new ServerSentEventWriter(request.Http.Response, request.Id);
            await events.WriteAsync(new StreamResponse { Message = reply }, request.Aborted).ConfigureAwait(false);
            return null;
        }

        await JsonRpcResponseWriter.WriteResultAsync(request.Http.Response, request.Id, new SendMessageResponse { Message = reply }, A2AJson.GetTypeInfo<SendMessageResponse>()).ConfigureAwait(false);
        return null;
    }

    private static async ValueTask<A2AError?> StartTaskAsync(A2ARequest request, SkillDescriptor skill, string taskId, string contextId, Message userMessage, bool streaming, int? historyLength)
    {
        var agent = request.Agent;
        var execution = new TaskExecution(agent, skill, taskId, contextId, userMessage, request.CallerId);
        var scope = agent.ScopeFactory.CreateAsyncScope();
        ValueTask<SkillResult> dispatch;
        try
        {
            var invocation = Invocation(request, skill, userMessage, taskId, contextId, scope.ServiceProvider, execution.Token);
            dispatch = agent.Registration.Dispatch(scope.ServiceProvider, invocation);
            if (dispatch.IsFaulted)
            {
                // The skill failed before its first await (binding, or a synchronous throw): answer before any task
                // or stream exists.
                dispatch.GetAwaiter().GetResult();
            }
        }
        catch (Exception ex) when (Failure(request, skill, taskId, ex, execution.Token) is { } error)
        {
            await scope.DisposeAsync().ConfigureAwait(false);
            return error;
        }

        try
        {
            await execution.SaveInitialAsync(request.Aborted).ConfigureAwait(false);
        }
        catch
        {
            // The skill has started but its task cannot be stored (full store, store down): stop it, and release its
            // scope only once it has stopped.
            execution.Stop();
            _ = ReleaseWhenStoppedAsync(dispatch, scope);
            throw;
        }

        agent.Runner.Add(execution);
        var subscription = streaming ? execution.Subscribe(holdsBackProducer: true) : null;
        execution.Start(dispatch, scope);
        if (subscription is null)
        {
            var snapshot = TaskViews.WithHistory(execution.Snapshot(), historyLength);
            await JsonRpcResponseWriter.WriteResultAsync(request.Http.Response, request.Id, new SendMessageResponse { Task = snapshot }, A2AJson.GetTypeInfo<SendMessageResponse>()).ConfigureAwait(false);
            return null;
        }

        await TaskStreaming.WriteAsync(request, execution, subscription).ConfigureAwait(false);
        return null;
    }

    private static async Task ReleaseWhenStoppedAsync(ValueTask<SkillResult> dispatch, AsyncServiceScope scope)
    {
        try
        {
            await dispatch.ConfigureAwait(false);
        }
        catch
        {
            // The request has already been answered; the skill's own outcome no longer matters.
        }
        finally
        {
            await scope.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<List<Part>> CollectAsync(SkillResult result, CancellationToken cancellationToken)
    {
        var parts = new List<Part>();
        switch (result.Kind)
        {
            case SkillOutputKind.Text:
                parts.Add(Part.FromText(result.Text ?? ""));
                break;
            case SkillOutputKind.Data when result.Data is { } data:
                parts.Add(Part.FromData(data));
                break;
            case SkillOutputKind.Message when result.Message is { } message:
                parts.AddRange(message.Parts);
                break;
            case SkillOutputKind.Stream when result.Stream is { } stream:
                await foreach (var part in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    parts.Add(part);
                }

                break;
        }

        return parts;
    }

    // The skill's answer holds a value no writer can write: nothing is stored, the caller gets -32006 and the log the place.
    private static A2AError Unwritable(A2ARequest request, SkillDescriptor skill, string path)
    {
        request.Stage = "skill";
        return A2AError.InvalidAgentResponse($"Skill '{skill.Id}' answered with a value that cannot be written as JSON (not valid Unicode, or no value) at {path}; nothing was kept.");
    }

    /// <summary>Maps a skill's exception on the answering paths: binding → -32602, server stopping → 503, other → -32603.</summary>
    private static A2AError? Failure(A2ARequest request, SkillDescriptor skill, string taskId, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case SkillBindingException binding:
                return A2AError.InvalidParams("params." + binding.Field, binding.Message);
            case OperationCanceledException when request.Aborted.IsCancellationRequested:
                return null; // the client left; the endpoint ends the request quietly
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return A2AError.Unavailable("SERVER_STOPPING", "The server is shutting down; retry the request.");
            default:
                var correlationId = CorrelationIds.New();
                HostingLog.SkillFailed(request.Agent.Logger, exception, request.Agent.AgentId, skill.Id, taskId, correlationId);
                request.Stage = "skill";
                return A2AError.Internal(correlationId);
        }
    }
}
