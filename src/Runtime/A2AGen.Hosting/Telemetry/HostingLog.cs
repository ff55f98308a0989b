using Microsoft.Extensions.Logging;

namespace A2AGen.Hosting;

/// <summary>
/// Every log event of the hosting, with stable ids: 1000–1099 rejections (one id per stage), 1100–1199 task and
/// skill events, 1200–1299 startup and configuration warnings, 1300 an agent started.
/// </summary>
internal static partial class HostingLog
{
    [LoggerMessage(1001, LogLevel.Information, "A2A agent {AgentId}: request rejected at {Stage}: {Reason} (A2A error code {Code}, HTTP {Status}): {Detail}")]
    public static partial void Rejected(ILogger logger, string agentId, string stage, string reason, int code, int status, string detail);

    [LoggerMessage(1002, LogLevel.Warning, "A2A agent {AgentId}: security check failed at {Stage}: {Reason} (HTTP {Status}): {Detail}")]
    public static partial void SecurityRejected(ILogger logger, string agentId, string stage, string reason, int status, string detail);

    [LoggerMessage(1003, LogLevel.Warning, "A2A mutual TLS: client certificate '{Subject}' refused during the handshake: {Reason}: {Problem}")]
    public static partial void ClientCertificateRefused(ILogger logger, string subject, string reason, string problem);

    [LoggerMessage(1005, LogLevel.Warning, "A2A mutual TLS: {Count} more client-certificate refusals were not logged (at most {Limit} a minute); the counter a2agen.hosting.client_certificate.refusals has them all")]
    public static partial void ClientCertificateRefusalsNotLogged(ILogger logger, long count, int limit);

    [LoggerMessage(1004, LogLevel.Warning, "A2A agent {AgentId}: malformed Secure Passport ignored for skill {SkillId}, which does not require one: {Field} {Problem}")]
    public static partial void PassportIgnored(ILogger logger, string agentId, string skillId, string field, string problem);

    [LoggerMessage(1100, LogLevel.Error, "A2A agent {AgentId}: skill {SkillId} failed on task {TaskId}; correlation id {CorrelationId}")]
    public static partial void SkillFailed(ILogger logger, Exception exception, string agentId, string skillId, string taskId, string correlationId);

    [LoggerMessage(1101, LogLevel.Error, "A2A agent {AgentId}: internal error in {Method}; correlation id {CorrelationId}")]
    public static partial void InternalError(ILogger logger, Exception exception, string agentId, string method, string correlationId);

    [LoggerMessage(1102, LogLevel.Information, "A2A agent {AgentId}: task {TaskId} canceled ({How})")]
    public static partial void TaskCanceled(ILogger logger, string agentId, string taskId, string how);

    [LoggerMessage(1103, LogLevel.Warning, "A2A agent {AgentId}: could not save task {TaskId}")]
    public static partial void TaskSaveFailed(ILogger logger, Exception exception, string agentId, string taskId);

    [LoggerMessage(1104, LogLevel.Information, "A2A agent {AgentId}: stream subscriber of task {TaskId} dropped: it fell {Capacity} events behind")]
    public static partial void SubscriberTooSlow(ILogger logger, string agentId, string taskId, int capacity);

    [LoggerMessage(1105, LogLevel.Debug, "A2A agent {AgentId}: client went away during {Method}")]
    public static partial void ClientGone(ILogger logger, string agentId, string method);

    [LoggerMessage(1106, LogLevel.Warning, "A2A agent {AgentId}: could not check the shared store for a cancellation of task {TaskId}")]
    public static partial void CancellationPollFailed(ILogger logger, Exception exception, string agentId, string taskId);

    [LoggerMessage(1110, LogLevel.Warning, "A2A agent {AgentId}: the state store cannot be reached during {Method}; answered 503 STATE_STORE_UNAVAILABLE")]
    public static partial void StateStoreUnavailable(ILogger logger, Exception exception, string agentId, string method);

    [LoggerMessage(1111, LogLevel.Information, "A2A agent {AgentId}: task {TaskId} was finished on another instance ({State}) while it ran here; it ends as stored")]
    public static partial void TaskFinishedElsewhere(ILogger logger, string agentId, string taskId, string state);

    [LoggerMessage(1120, LogLevel.Warning, "A2A agent {AgentId}: push notification for task {TaskId} to configuration {ConfigId} failed (attempt {Attempt}): {Problem}; retrying in {Delay}")]
    public static partial void PushAttemptFailed(ILogger logger, string agentId, string taskId, string configId, int attempt, string problem, TimeSpan delay);

    [LoggerMessage(1121, LogLevel.Error, "A2A agent {AgentId}: push notification for task {TaskId} to configuration {ConfigId} given up after {Attempts} attempts: {Problem}")]
    public static partial void PushDeadLettered(ILogger logger, string agentId, string taskId, string configId, int attempts, string problem);

    [LoggerMessage(1122, LogLevel.Warning, "A2A push notifications: the delivery queue or configuration store cannot be reached ({Problem}); retrying")]
    public static partial void PushQueueUnavailable(ILogger logger, Exception exception, string problem);

    [LoggerMessage(1124, LogLevel.Error, "A2A push notifications: unexpected failure while {Doing}; the delivery is taken again when its lease ends")]
    public static partial void PushFailed(ILogger logger, Exception exception, string doing);

    [LoggerMessage(1123, LogLevel.Warning, "A2A agent {AgentId}: push-notification event of task {TaskId} dropped: {Problem}")]
    public static partial void PushEventDropped(ILogger logger, string agentId, string taskId, string problem);

    [LoggerMessage(1200, LogLevel.Warning, "A2A agent {AgentId} is mapped at {Path} without A2AAgentOptions.PublicUrl in the {Environment} environment: the card's interface URL follows each request's Host header. Set PublicUrl to the endpoint callers use.")]
    public static partial void PublicUrlMissing(ILogger logger, string agentId, string path, string environment);

    [LoggerMessage(1300, LogLevel.Information, "A2A agent {AgentId} started at {Urls}: signing key {KeyId} from {KeySource}; trusted peers: {TrustedPeers}")]
    public static partial void AgentStarted(ILogger logger, string agentId, string urls, string keyId, string keySource, int trustedPeers);
}
