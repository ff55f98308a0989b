namespace A2AGen.Hosting.Tasks;

/// <summary>
/// The store behind an <see cref="ITaskStore"/> or an <see cref="ITaskEventLog"/> cannot be reached (down, timed out,
/// refusing writes). The request that needed it is refused with HTTP 503 and reason <c>STATE_STORE_UNAVAILABLE</c>
/// (JSON-RPC -32603, <c>google.rpc.Status</c> UNAVAILABLE on HTTP+JSON); nothing is answered as if it had been stored.
/// Throw it only when nothing was written, so a retry is safe.
/// </summary>
public sealed class TaskStoreUnavailableException : Exception
{
    /// <summary>The <c>ErrorInfo.reason</c> of the refusal.</summary>
    public const string Reason = "STATE_STORE_UNAVAILABLE";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What could not be reached (no secrets: it is logged, never shown to the caller).</param>
    /// <param name="innerException">The store client's error.</param>
    public TaskStoreUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
