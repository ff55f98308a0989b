using System.Diagnostics;
using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting;

/// <summary>
/// The <c>SendMessage</c> and <c>SendStreamingMessage</c> operations, after the pipeline has routed the message and
/// verified the caller: content types → the skill, run in one of four ways. A skill that returns a <see cref="Message"/> answers with that message directly
/// (no task); every other skill runs as a task: to completion before answering (the default), in the background
/// (<c>returnImmediately</c>), or streamed as events (task, WORKING, artifact updates, final status). A turn ends when
/// the task is final or interrupted (INPUT_REQUIRED, AUTH_REQUIRED); a message naming an interrupted task continues it
/// — same task, same skill, the whole history — in the same three ways.
/// </summary>
internal static class SendMessageOperation
{
    private const int MaxMessageIdLength = 256;

    // Not async itself: the run-to-completion path is the hot one, and one state machine fewer is measurable there.
    public static ValueTask<OperationResult<SendMessageResponse>> SendAsync(A2ARequest request, SendMessageRequest send, bool streaming)
    {
        var agent = request.Agent;
        var message = send.Message!;
        var skill = request.Skill!;
        request.Stage = PipelineStage.Params;
        var modes = agent.ModesOf(skill);
        var error = MediaTypes.CheckInput(request, request.Encryption is { } encryption ? encryption.Plain(message) : message, skill, modes.Input) ?? MediaTypes.CheckOutput(request, send.Configuration?.AcceptedOutputModes, skill, modes.Output);
        if (error is not null)
        {
            return new(error);
        }

        if (message.TaskId is { } existingTaskId)
        {
            return ContinueAsync(request, send, existingTaskId, streaming);
        }

        request.Stage = PipelineStage.Dispatch;
        var contextId = message.ContextId ?? TaskIds.NewId();
        if (skill.Output == SkillOutputKind.Message)
        {
            return AnswerWithMessageAsync(request, skill, message with { ContextId = contextId }, streaming);
        }

        var taskId = TaskIds.NewId();
        request.Activity?.SetTag("a2a.task.id", taskId);
        request.CreatedTaskId = taskId;
        var userMessage = message with { ContextId = contextId, TaskId = taskId };
        if (send.Configuration?.TaskPushNotificationConfig is { } push)
        {
            return WithPushConfigAsync(request, push, taskId, () => StartNewTaskAsync(request, send, skill, taskId, contextId, userMessage, streaming));
        }

        return StartNewTaskAsync(request, send, skill, taskId, contextId, userMessage, streaming);
    }

    private static ValueTask<OperationResult<SendMessageResponse>> StartNewTaskAsync(A2ARequest request, SendMessageRequest send, SkillDescriptor skill, string taskId, string contextId, Message userMessage, bool streaming)
    {
        if (streaming || send.Configuration?.ReturnImmediately == true)
        {
            return StartTaskAsync(request, skill, new TaskExecution(request.Agent, skill, taskId, contextId, userMessage, request.CallerId), streaming, send.Configuration?.HistoryLength);
        }

        return RunToCompletionAsync(request, skill, taskId, contextId, userMessage, send.Configuration?.HistoryLength, continued: null);
    }

    /// <summary>Params stage: the checks a send request must pass before any security stage reads it.</summary>
    public static A2AError? Validate(A2ARequest request, SendMessageRequest send)
    {
        var error = Validate(send);
        if (error is not null)
        {
            return A2AError.InvalidParams(request.Field(error.Value.Field), error.Value.Problem);
        }

        if (send.Configuration?.TaskPushNotificationConfig is { } push)
        {
            return request.Agent.SupportsPushNotifications
                ? PushConfigOperations.ValidateConfig(request, push, InlinePushConfig)
                : A2AError.PushNotificationNotSupported();
        }

        return null;
    }

    private const string InlinePushConfig = "configuration.taskPushNotificationConfig.";

    // The inline configuration is stored before the task's first event, so its webhook sees every event of the task.
    private static async ValueTask<OperationResult<SendMessageResponse>> WithPushConfigAsync(A2ARequest request, TaskPushNotificationConfig push, string taskId, Func<ValueTask<OperationResult<SendMessageResponse>>> then)
    {
        var saved = await PushConfigOperations.SaveAsync(request, push, taskId, InlinePushConfig).ConfigureAwait(false);
        if (saved.Error is { } error)
        {
            return error;
        }

        request.Stage = PipelineStage.Dispatch;
        return await then().ConfigureAwait(false);
    }

    private static (string Field, string Problem)? Validate(SendMessageRequest send)
    {
        if (send.Message is not { } message)
        {
            return ("message", "is required.");
        }

        // Absent fields of the protocol records deserialize as null despite their declared defaults.
        if (string.IsNullOrEmpty(message.MessageId))
        {
            return ("message.messageId", "is required.");
        }

        if (message.MessageId.Length > MaxMessageIdLength)
        {
            return ("message.messageId", $"is longer than {MaxMessageIdLength} characters.");
        }

        if (message.Role != Role.User)
        {
            return ("message.role", "must be ROLE_USER.");
        }

        if (message.Parts is null || message.Parts.Count == 0)
        {
            return ("message.parts", "needs at least one part.");
        }

        for (var i = 0; i < message.Parts.Count; i++)
        {
            if (message.Parts[i] is not { ContentCount: 1 })
            {
                return ($"message.parts[{i}]", "must have exactly one of text, raw, url, data.");
            }
        }

        if (message.ContextId is { } contextId && !TaskIds.IsValid(contextId))
        {
            return ("message.contextId", TaskIds.Rule + ".");
        }

        if (message.TaskId is { } taskId && !TaskIds.IsValid(taskId))
        {
            return ("message.taskId", TaskIds.Rule + ".");
        }

        if (send.Configuration?.HistoryLength is < 0)
        {
            return ("configuration.historyLength", "must not be negative.");
        }

        return null;
    }

    // A message naming a task continues it when the task is interrupted and belongs to the caller (the owner rule of
    // GetTask); anything else is refused with the reason (unknown, another context, finished, still running, busy).
    private static async ValueTask<OperationResult<SendMessageResponse>> ContinueAsync(A2ARequest request, SendMessageRequest send, string taskId, bool streaming)
    {
        var agent = request.Agent;
        request.Stage = PipelineStage.Task;
        request.Activity?.SetTag("a2a.task.id", taskId);
        if (agent.Runner.TryClaim(agent.AgentId, taskId) is not { } claim)
        {
            return A2AError.UnsupportedOperation($"Task '{taskId}' is taking another message right now; wait for its answer, then send this one.");
        }

        try
        {
            var record = await agent.Store.GetAsync(agent.AgentId, taskId, request.Aborted).ConfigureAwait(false);
            if (record is null || !string.Equals(record.OwnerId, request.CallerId, StringComparison.Ordinal))
            {
                return A2AError.TaskNotFound(taskId);
            }

            var message = send.Message!;
            if (message.ContextId is not null && !string.Equals(message.ContextId, record.Task.ContextId, StringComparison.Ordinal))
            {
                return A2AError.InvalidParams(request.Field("message.contextId"), $"does not match the context of task '{taskId}'.");
            }

            var state = record.Task.Status.State;
            if (state.IsTerminal())
            {
                return A2AError.UnsupportedOperation($"Task '{taskId}' is {TaskStateNames.Of(state)}; a finished task accepts no further messages. Send a new message without taskId.");
            }

            if (!state.IsInterrupted())
            {
                return A2AError.UnsupportedOperation($"Task '{taskId}' is {TaskStateNames.Of(state)}; it takes another message only when it asks for one (TASK_STATE_INPUT_REQUIRED or TASK_STATE_AUTH_REQUIRED). Wait for it or cancel it.");
            }

            var skill = request.Skill!;
            if (TaskLifecycle.InterruptedSkillOf(record.Task) is { } skillId && skillId != skill.Id)
            {
                return A2AError.InvalidParams(request.Field($"message.metadata[\"{A2AProtocol.SkillMetadataKey}\"]"), $"names another skill than the one task '{taskId}' continues with ('{skillId}'); leave it out.");
            }

            if (send.Configuration?.TaskPushNotificationConfig is { } push && (await PushConfigOperations.SaveAsync(request, push, taskId, InlinePushConfig).ConfigureAwait(false)).Error is { } pushError)
            {
                return pushError;
            }

            request.Stage = PipelineStage.Dispatch;
            request.CreatedTaskId = taskId; // a retry of this message answers the task, without another turn
            var contextId = record.Task.ContextId ?? "";
            var background = streaming || send.Configuration?.ReturnImmediately == true;
            var lifecycle = TaskLifecycle.Resume(record.Task, describeChanges: background);
            lifecycle.Continue(message with { ContextId = contextId, TaskId = taskId }, agent.Time.GetUtcNow());
            if (background)
            {
                // The claim holds until the task is saved as WORKING and registered; later messages then see it running.
                return await StartTaskAsync(request, skill, new TaskExecution(agent, skill, lifecycle, request.CallerId), streaming, send.Configuration?.HistoryLength,
                    registered: () => agent.Runner.Release(agent.AgentId, taskId, claim)).ConfigureAwait(false);
            }

            return await RunToCompletionAsync(request, skill, taskId, contextId, lifecycle.History[^1], send.Configuration?.HistoryLength, lifecycle).ConfigureAwait(false);
        }
        finally
        {
            agent.Runner.Release(agent.AgentId, taskId, claim);
        }
    }

    private static SkillInvocation Invocation(A2ARequest request, SkillDescriptor skill, Message message, string taskId, string contextId, IServiceProvider services, CancellationToken cancellationToken, IReadOnlyList<Message>? history = null) =>
        new()
        {
            Skill = skill,
            Json = request.Agent.Options.Json,
            Passport = request.Passport is { Status: not Passport.PassportStatus.Absent } passport ? passport : null,
            Context = new SkillContext
            {
                AgentId = request.Agent.AgentId,
                SkillId = skill.Id,
                Message = request.Encryption is { } encryption ? encryption.Plain(message) : message,
                History = history!,
                TaskId = taskId,
                ContextId = contextId,
                RequestSignature = request.Signature,
                PeerIdentity = request.PeerIdentity,
                PeerCertificate = request.PeerCertificate,
                User = request.Http.User,
                ActivatedExtensions = request.ActivatedExtensions,
                Provenance = new SkillProvenance { Signs = skill.SignsProvenance },
                Services = services,
                CancellationToken = cancellationToken,
            },
        };

    // A new task (continued: null) or the next turn of an interrupted one, answered when the turn ends.
    private static async ValueTask<OperationResult<SendMessageResponse>> RunToCompletionAsync(A2ARequest request, SkillDescriptor skill, string taskId, string contextId, Message userMessage, int? historyLength, TaskLifecycle? continued)
    {
        var agent = request.Agent;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted, agent.Stopping);
        var invocation = Invocation(request, skill, userMessage, taskId, contextId, request.Http.RequestServices, cancellation.Token, continued?.History.ToArray());
        List<Part>? parts = null;
        Message? statusMessage = null;
        SkillResult result;
        try
        {
            result = await agent.Registration.Dispatch(request.Http.RequestServices, invocation).ConfigureAwait(false);
            if (result.Interruption is null)
            {
                parts = await CollectAsync(result, cancellation.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (Failure(request, skill, taskId, ex, cancellation.Token, out var error))
        {
            return error!;
        }

        if (parts is not null && SkillOutput.FindUnwritable(parts) is { } unwritable)
        {
            return Unwritable(request, skill, "artifact " + unwritable);
        }

        if (result.Interruption is not null)
        {
            try
            {
                statusMessage = SkillOutput.StatusMessage(result, contextId, taskId);
            }
            catch (UnwritableSkillOutputException ex)
            {
                return Unwritable(request, skill, ex.Path);
            }
        }

        // The same lifecycle as a background task, on the request's own flow: no one can watch it, so it is stored once,
        // at the end of the turn.
        var now = agent.Time.GetUtcNow();
        var lifecycle = continued;
        if (lifecycle is null)
        {
            lifecycle = new TaskLifecycle(taskId, contextId, userMessage, now, describeChanges: false);
            lifecycle.Working(now);
        }

        lifecycle.Provenance = ProvenanceSealer.For(agent, invocation.Context);
        lifecycle.Encryption = request.Encryption;

        if (result.Interruption is { } interruption)
        {
            lifecycle.Interrupt(interruption, statusMessage!, skill.Id, now);
        }
        else
        {
            if (parts!.Count > 0)
            {
                lifecycle.AddParts(TaskIds.NewId(), parts);
            }

            lifecycle.Finish(TaskState.Completed, null, now);
        }

        var task = lifecycle.Snapshot();
        try
        {
            await agent.Store.SaveAsync(new TaskRecord { AgentId = agent.AgentId, OwnerId = request.CallerId, Task = task }, agent.Options.TaskTimeToLive, request.Aborted).ConfigureAwait(false);
        }
        catch (TaskStoreFullException ex)
        {
            // The skill has run: answering 503 would invite a retry that runs it again. The caller gets its complete
            // task now; it just cannot be read back (or continued) later.
            HostingLog.TaskSaveFailed(agent.Logger, ex, agent.AgentId, taskId);
        }

        // No one watched this turn; its webhooks (an inline configuration, or one set during an earlier turn) get its outcome.
        agent.NotifyPush(taskId, new StreamResponse { Task = task });
        return new SendMessageResponse { Task = TaskViews.WithHistory(task, historyLength) };
    }

    private static async ValueTask<OperationResult<SendMessageResponse>> AnswerWithMessageAsync(A2ARequest request, SkillDescriptor skill, Message userMessage, bool streaming)
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
        catch (Exception ex) when (Failure(request, skill, "(none: direct message)", ex, cancellation.Token, out var error))
        {
            return error!;
        }

        if (reply.Parts is not { Count: > 0 } || reply.Parts.Any(p => p is not { ContentCount: 1 }))
        {
            request.Stage = PipelineStage.Skill;
            return A2AError.InvalidAgentResponse($"Skill '{skill.Id}' answered a message without valid parts (each part needs exactly one of text, raw, url, data).");
        }

        if (SkillOutput.FindUnwritable(reply.Parts, reply.Metadata) is { } unwritable)
        {
            return Unwritable(request, skill, "message " + unwritable);
        }

        if (request.Encryption is { } encryption)
        {
            reply = encryption.Encrypt(reply);
        }

        if (ProvenanceSealer.For(agent, invocation.Context) is { } sealer)
        {
            reply = sealer.Seal(reply);
        }

        request.DirectReply = reply;
        if (streaming)
        {
            using var events = new ServerSentEventWriter(request);
            await events.WriteAsync(new StreamResponse { Message = reply }, request.Aborted).ConfigureAwait(false);
            return OperationResult<SendMessageResponse>.Answered;
        }

        return new SendMessageResponse { Message = reply };
    }

    // Runs a turn in the background (returnImmediately) or streamed. registered: called once the task is saved and
    // registered, or when it never will be.
    private static async ValueTask<OperationResult<SendMessageResponse>> StartTaskAsync(A2ARequest request, SkillDescriptor skill, TaskExecution execution, bool streaming, int? historyLength, Action? registered = null)
    {
        var agent = request.Agent;
        var (taskId, contextId) = (execution.TaskId, execution.ContextId);
        var history = execution.History;
        var userMessage = history[^1];
        var scope = agent.ScopeFactory.CreateAsyncScope();
        ValueTask<SkillResult> dispatch;
        try
        {
            var invocation = Invocation(request, skill, userMessage, taskId, contextId, scope.ServiceProvider, execution.Token, history.Count > 1 ? history : null);
            execution.Provenance = ProvenanceSealer.For(agent, invocation.Context);
            execution.Encryption = request.Encryption;
            dispatch = agent.Registration.Dispatch(scope.ServiceProvider, invocation);
            if (dispatch.IsFaulted)
            {
                // The skill failed before its first await (binding, or a synchronous throw): answer before any task
                // or stream exists.
                dispatch.GetAwaiter().GetResult();
            }
        }
        catch (Exception ex) when (Failure(request, skill, taskId, ex, execution.Token, out var error))
        {
            await scope.DisposeAsync().ConfigureAwait(false);
            registered?.Invoke();
            return error!;
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
            registered?.Invoke();
            throw;
        }

        agent.Runner.Add(execution);
        registered?.Invoke();
        var subscription = streaming ? execution.Subscribe(holdsBackProducer: true) : null;
        execution.Start(dispatch, scope);
        if (subscription is null)
        {
            return new SendMessageResponse { Task = TaskViews.WithHistory(execution.Snapshot(), historyLength) };
        }

        await TaskStreaming.WriteAsync(request, execution, subscription).ConfigureAwait(false);
        return OperationResult<SendMessageResponse>.Answered;
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
        request.Stage = PipelineStage.Skill;
        return A2AError.InvalidAgentResponse($"Skill '{skill.Id}' answered with a value that cannot be written as JSON (not valid Unicode, or no value) at {path}; nothing was kept.");
    }

    /// <summary>
    /// Maps a skill's exception on the answering paths: binding → -32602, server stopping → 503, other → -32603; false
    /// for exceptions it does not handle (a client that left).
    /// </summary>
    private static bool Failure(A2ARequest request, SkillDescriptor skill, string taskId, Exception exception, CancellationToken cancellationToken, out A2AError? error)
    {
        switch (exception)
        {
            case SkillBindingException binding:
                error = A2AError.InvalidParams(request.Field(binding.Field), binding.Message);
                return true;
            case OperationCanceledException when request.Aborted.IsCancellationRequested:
                error = null; // the client left: the exception travels on, and the pipeline ends the request quietly
                return false;
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                error = A2AError.Unavailable("SERVER_STOPPING", "The server is shutting down; retry the request.");
                return true;
            default:
                var correlationId = CorrelationIds.New();
                HostingLog.SkillFailed(request.Agent.Logger, exception, request.Agent.AgentId, skill.Id, taskId, correlationId);
                request.Stage = PipelineStage.Skill;
                error = A2AError.Internal(correlationId);
                return true;
        }
    }
}
