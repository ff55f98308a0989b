namespace A2AGen.Hosting.Tests.Bindings;

/// <summary>
/// The A2A specification's §5.4 error mapping (v1.0.1), row by row: each A2A error's JSON-RPC code, HTTP+JSON status and
/// <c>google.rpc.Status</c> name, and gRPC status code (docs/conformance.md, "Error mapping").
/// </summary>
public sealed class ErrorMappingTests
{
    public static TheoryData<string, int, int, string, int> Rows => new()
    {
        { "TaskNotFound", -32001, 404, "NOT_FOUND", GrpcStatus.NotFound },
        { "TaskNotCancelable", -32002, 400, "FAILED_PRECONDITION", GrpcStatus.FailedPrecondition },
        { "PushNotificationNotSupported", -32003, 400, "FAILED_PRECONDITION", GrpcStatus.FailedPrecondition },
        { "UnsupportedOperation", -32004, 400, "FAILED_PRECONDITION", GrpcStatus.FailedPrecondition },
        { "ContentTypeNotSupported", -32005, 400, "INVALID_ARGUMENT", GrpcStatus.InvalidArgument },
        { "InvalidAgentResponse", -32006, 500, "INTERNAL", GrpcStatus.Internal },
        { "ExtendedCardNotConfigured", -32007, 400, "FAILED_PRECONDITION", GrpcStatus.FailedPrecondition },
        { "ExtensionSupportRequired", -32008, 400, "FAILED_PRECONDITION", GrpcStatus.FailedPrecondition },
        { "VersionNotSupported", -32009, 400, "FAILED_PRECONDITION", GrpcStatus.FailedPrecondition },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_A2A_error_maps_as_the_specification_table_says(string error, int jsonRpcCode, int httpStatus, string statusName, int grpcCode)
    {
        var a2aError = error switch
        {
            "TaskNotFound" => A2AError.TaskNotFound("t-1"),
            "TaskNotCancelable" => A2AError.TaskNotCancelable("t-1", "TASK_STATE_COMPLETED"),
            "PushNotificationNotSupported" => A2AError.PushNotificationNotSupported(),
            "UnsupportedOperation" => A2AError.UnsupportedOperation("not here"),
            "ContentTypeNotSupported" => A2AError.ContentTypeNotSupported("message.parts[0].mediaType", "not accepted"),
            "InvalidAgentResponse" => A2AError.InvalidAgentResponse("bad answer"),
            "ExtendedCardNotConfigured" => A2AError.ExtendedCardNotConfigured(),
            "ExtensionSupportRequired" => A2AError.ExtensionSupportRequired(["https://example.com/ext/v1"]),
            "VersionNotSupported" => A2AError.VersionNotSupported("9.9"),
            _ => throw new ArgumentOutOfRangeException(nameof(error)),
        };

        Assert.Equal(jsonRpcCode, a2aError.Code);
        Assert.Equal((httpStatus, statusName), RestErrors.Of(a2aError));
        Assert.Equal(grpcCode, GrpcStatus.CodeOf(a2aError));
        Assert.Equal("a2a-protocol.org", a2aError.Domain);
    }
}
