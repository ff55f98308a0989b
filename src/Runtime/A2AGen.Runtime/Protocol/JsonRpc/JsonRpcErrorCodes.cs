namespace A2AGen.Protocol.JsonRpc;

/// <summary>JSON-RPC 2.0 and A2A error codes (spec §5.4).</summary>
public static class JsonRpcErrorCodes
{
    /// <summary>Invalid JSON.</summary>
    public const int ParseError = -32700;

    /// <summary>Not a valid JSON-RPC request.</summary>
    public const int InvalidRequest = -32600;

    /// <summary>Unknown method.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>Invalid method parameters.</summary>
    public const int InvalidParams = -32602;

    /// <summary>Internal error.</summary>
    public const int InternalError = -32603;

    /// <summary>The task does not exist or is not accessible.</summary>
    public const int TaskNotFound = -32001;

    /// <summary>The task cannot be canceled in its state.</summary>
    public const int TaskNotCancelable = -32002;

    /// <summary>Push notifications are not supported.</summary>
    public const int PushNotificationNotSupported = -32003;

    /// <summary>The operation is not supported.</summary>
    public const int UnsupportedOperation = -32004;

    /// <summary>A media type is not supported.</summary>
    public const int ContentTypeNotSupported = -32005;

    /// <summary>The agent produced an invalid response.</summary>
    public const int InvalidAgentResponse = -32006;

    /// <summary>No extended card is configured.</summary>
    public const int ExtendedAgentCardNotConfigured = -32007;

    /// <summary>A required extension was not requested.</summary>
    public const int ExtensionSupportRequired = -32008;

    /// <summary>The requested protocol version is not supported.</summary>
    public const int VersionNotSupported = -32009;
}
