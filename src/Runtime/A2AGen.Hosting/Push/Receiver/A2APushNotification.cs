using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// One verified push notification: the A2A <c>StreamResponse</c> an agent posted to the receiver, the task it is
/// about and who sent it. Handed to the application's handler only after every check passed.
/// </summary>
public sealed class A2APushNotification
{
    internal A2APushNotification(StreamResponse @event, A2APushEventKind kind, string taskId, string contextId, A2APushSender sender, IServiceProvider services)
    {
        Event = @event;
        Kind = kind;
        TaskId = taskId;
        ContextId = contextId;
        Sender = sender;
        Services = services;
    }

    /// <summary>The event as received.</summary>
    public StreamResponse Event { get; }

    /// <summary>Which member of the event is set.</summary>
    public A2APushEventKind Kind { get; }

    /// <summary>The task the notification is about (never empty).</summary>
    public string TaskId { get; }

    /// <summary>The task's context id, or empty when the event did not carry one.</summary>
    public string ContextId { get; }

    /// <summary>The task snapshot, when <see cref="Kind"/> is <see cref="A2APushEventKind.Task"/>.</summary>
    public AgentTask? Task => Event.Task;

    /// <summary>The message, when <see cref="Kind"/> is <see cref="A2APushEventKind.Message"/>.</summary>
    public Message? Message => Event.Message;

    /// <summary>The status change, when <see cref="Kind"/> is <see cref="A2APushEventKind.StatusUpdate"/>.</summary>
    public TaskStatusUpdateEvent? StatusUpdate => Event.StatusUpdate;

    /// <summary>The artifact change, when <see cref="Kind"/> is <see cref="A2APushEventKind.ArtifactUpdate"/>.</summary>
    public TaskArtifactUpdateEvent? ArtifactUpdate => Event.ArtifactUpdate;

    /// <summary>The verified sender.</summary>
    public A2APushSender Sender { get; }

    /// <summary>The request's services (scoped to this notification).</summary>
    public IServiceProvider Services { get; }
}

/// <summary>Which member of a push notification's <c>StreamResponse</c> is set.</summary>
public enum A2APushEventKind
{
    /// <summary>A task snapshot.</summary>
    Task,

    /// <summary>A message.</summary>
    Message,

    /// <summary>A task status update.</summary>
    StatusUpdate,

    /// <summary>A task artifact update.</summary>
    ArtifactUpdate,
}

/// <summary>How a push notification's sender was authenticated.</summary>
public enum A2APushAuthentication
{
    /// <summary>An A2AGen request signature (<c>A2A-Signature</c>) by a trusted key: body, URL, time and replay checked.</summary>
    Signature,

    /// <summary>A configured <c>Authorization</c> token (<see cref="A2APushReceiverOptions.TokenSenders"/>): the sender knows the token, nothing more.</summary>
    Token,
}

/// <summary>Who sent a push notification, as far as the receiver verified it.</summary>
public sealed class A2APushSender
{
    internal A2APushSender(string id, A2APushAuthentication authentication, VerifiedRequestSignature? signature)
    {
        Id = id;
        Authentication = authentication;
        Signature = signature;
    }

    /// <summary>The sending agent's id: the signature's <c>iss</c>, or the <see cref="A2APushTokenSender.SenderId"/> of the matched token.</summary>
    public string Id { get; }

    /// <summary>How the sender was authenticated.</summary>
    public A2APushAuthentication Authentication { get; }

    /// <summary>The verified signature (key, <c>jti</c>, times), or null for a token.</summary>
    public VerifiedRequestSignature? Signature { get; }
}

/// <summary>
/// Handles verified push notifications (<c>app.MapA2APushReceiver&lt;THandler&gt;(path)</c>); resolved from the
/// request's services. Return quickly: the sender waits for the answer (and retries when it is slow), so queue long work.
/// Throwing answers HTTP 500, which makes a retrying sender deliver the notification again. The receiver writes the
/// answer (204): do not write to the response.
/// </summary>
public interface IA2APushNotificationHandler
{
    /// <summary>Handles one notification.</summary>
    /// <param name="notification">The verified notification.</param>
    /// <param name="cancellationToken">Canceled when the sender disconnects.</param>
    Task HandleAsync(A2APushNotification notification, CancellationToken cancellationToken);
}
