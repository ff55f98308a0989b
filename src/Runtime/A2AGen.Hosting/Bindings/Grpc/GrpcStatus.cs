using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace A2AGen.Hosting;

/// <summary>
/// The gRPC form of an <see cref="A2AError"/> (spec §10.6, §5.4): the status code of the spec's table
/// (<c>TaskNotFoundError</c> → <c>NOT_FOUND</c>, the precondition errors → <c>FAILED_PRECONDITION</c>, …; the others as
/// their HTTP+JSON <c>google.rpc.Status</c> code, except a message over the size limit, <c>RESOURCE_EXHAUSTED</c> as gRPC
/// does), the message in <c>grpc-message</c>, and a <c>google.rpc.Status</c> in <c>grpc-status-details-bin</c> whose
/// details are the same <c>ErrorInfo</c> (and <c>BadRequest</c> field violation) the other bindings carry.
/// </summary>
internal static class GrpcStatus
{
    public const string StatusKey = "grpc-status";
    public const string MessageKey = "grpc-message";
    public const string DetailsKey = "grpc-status-details-bin";

    /// <summary>gRPC status codes (grpc/doc/statuscodes.md).</summary>
    public const int Ok = 0, InvalidArgument = 3, NotFound = 5, PermissionDenied = 7, ResourceExhausted = 8,
        FailedPrecondition = 9, Unimplemented = 12, Internal = 13, Unavailable = 14, Unauthenticated = 16;

    /// <summary>The status code for an error.</summary>
    public static int CodeOf(A2AError error)
    {
        if (error.Reason == "REQUEST_TOO_LARGE")
        {
            return ResourceExhausted;
        }

        if (error.Reason == "METHOD_NOT_FOUND")
        {
            return Unimplemented;
        }

        return RestErrors.Of(error).Status switch
        {
            "NOT_FOUND" => NotFound,
            "FAILED_PRECONDITION" => FailedPrecondition,
            "INVALID_ARGUMENT" => InvalidArgument,
            "UNAUTHENTICATED" => Unauthenticated,
            "PERMISSION_DENIED" => PermissionDenied,
            "RESOURCE_EXHAUSTED" => ResourceExhausted,
            "UNAVAILABLE" => Unavailable,
            _ => Internal,
        };
    }

    /// <summary>The <c>google.rpc.Status</c> of an error, serialized (the value of <c>grpc-status-details-bin</c> before base64).</summary>
    public static byte[] Details(A2AError error, int code)
    {
        var info = new ErrorInfo { Reason = error.Reason, Domain = error.Domain };
        if (error.Field is not null)
        {
            info.Metadata["field"] = error.Field;
        }

        if (error.Metadata is not null)
        {
            foreach (var (key, value) in error.Metadata)
            {
                info.Metadata[key] = value;
            }
        }

        var status = new Google.Rpc.Status { Code = code, Message = error.Message };
        status.Details.Add(Any.Pack(info));
        if (error.Field is not null)
        {
            status.Details.Add(Any.Pack(new BadRequest
            {
                FieldViolations = { new BadRequest.Types.FieldViolation { Field = error.Field, Description = error.Message } },
            }));
        }

        return status.ToByteArray();
    }

    /// <summary>Writes the status of <paramref name="error"/> (or OK when null) into <paramref name="headers"/> (trailers, or the headers of a trailers-only answer).</summary>
    public static void Write(Microsoft.AspNetCore.Http.IHeaderDictionary headers, A2AError? error)
    {
        if (error is null)
        {
            headers[StatusKey] = "0";
            return;
        }

        var code = CodeOf(error);
        headers[StatusKey] = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers[MessageKey] = PercentEncode(error.Message);
        headers[DetailsKey] = Convert.ToBase64String(Details(error, code)).TrimEnd('=');
    }

    /// <summary>A status without details (no A2A error: an unknown method, no agent on this endpoint).</summary>
    public static void Write(Microsoft.AspNetCore.Http.IHeaderDictionary headers, int code, string message)
    {
        headers[StatusKey] = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers[MessageKey] = PercentEncode(message);
    }

    /// <summary><c>grpc-message</c> is percent-encoded UTF-8: bytes outside printable ASCII, and <c>%</c>, as <c>%XX</c>.</summary>
    public static string PercentEncode(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
