using Microsoft.Extensions.Logging;

namespace A2AGen.Hosting;

/// <summary>The push receiver's log events, ids 1600–1609. Every value from a request is sanitized before it gets here.</summary>
internal static partial class PushReceiverLog
{
    [LoggerMessage(1600, LogLevel.Warning, "A2A push receiver {Path}: notification refused: {Reason} (HTTP {Status}): {Detail}")]
    public static partial void Refused(ILogger logger, string path, string reason, int status, string detail);

    [LoggerMessage(1601, LogLevel.Error, "A2A push receiver {Path}: the handler failed on a notification of {Sender} for task {TaskId}; correlation id {CorrelationId}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string path, string sender, string taskId, string correlationId);

    [LoggerMessage(1602, LogLevel.Warning, "A2A push receiver: the JWKS of sender '{AgentId}' at {Url} was not taken: {Problem}; the keys held before stay in use")]
    public static partial void JwksRejected(ILogger logger, string agentId, string url, string problem);

    [LoggerMessage(1603, LogLevel.Debug, "A2A push receiver {Path}: {Kind} of task {TaskId} accepted from {Sender} ({Authentication})")]
    public static partial void Accepted(ILogger logger, string path, A2APushEventKind kind, string taskId, string sender, A2APushAuthentication authentication);
}
