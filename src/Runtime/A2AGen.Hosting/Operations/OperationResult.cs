namespace A2AGen.Hosting;

/// <summary>
/// What an operation answers: its typed result for the binding to encode, a typed A2A error, or nothing more to write
/// (a stream the operation has already written through the binding, or a client that went away).
/// </summary>
/// <typeparam name="T">The operation's result type (<see cref="Protocol.AgentTask"/>, …).</typeparam>
internal readonly struct OperationResult<T>
    where T : class
{
    private OperationResult(T? value, A2AError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The result to encode, or null.</summary>
    public T? Value { get; }

    /// <summary>The refusal, or null.</summary>
    public A2AError? Error { get; }

    /// <summary>The operation has answered already (streamed) or has nothing to answer.</summary>
    public static OperationResult<T> Answered => default;

    public static implicit operator OperationResult<T>(T value) => new(value, null);

    public static implicit operator OperationResult<T>(A2AError error) => new(null, error);
}
