using System.Buffers;
using A2AGen.Security;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace A2AGen.Hosting;

/// <summary>
/// Signs each gRPC call (metadata <c>a2a-signature</c>): <c>htm</c> <c>POST</c>, <c>htu</c> the interface URL with its
/// path replaced by the method's (<c>/lf.a2a.v1.A2AService/SendMessage</c>), <c>aud</c> the interface URL, <c>bh</c> over
/// the request message serialized by the method's own marshaller — the serializer the channel then runs on the same
/// message, so the hash covers the bytes sent.
/// </summary>
internal sealed class GrpcSigningInterceptor(RequestSigner signer, Uri audience) : Interceptor
{
    public const string MetadataKey = "a2a-signature";

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, Signed(request, context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, Signed(request, context));

    private ClientInterceptorContext<TRequest, TResponse> Signed<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class
    {
        var body = new CapturedMessage();
        context.Method.RequestMarshaller.ContextualSerializer(request, body);
        var url = new UriBuilder(audience) { Path = context.Method.FullName, Query = "", Fragment = "" }.Uri;
        var headers = context.Options.Headers ?? [];
        headers.Add(MetadataKey, signer.Sign("POST", url, audience, body.Payload));
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
    }

    /// <summary>Receives what a marshaller writes, either way it writes it.</summary>
    private sealed class CapturedMessage : SerializationContext
    {
        private ArrayBufferWriter<byte>? _writer;
        private byte[]? _payload;

        public ReadOnlySpan<byte> Payload => _payload ?? (_writer is null ? [] : _writer.WrittenSpan);

        public override void Complete(byte[] payload) => _payload = payload;

        public override IBufferWriter<byte> GetBufferWriter() => _writer ??= new ArrayBufferWriter<byte>();

        public override void SetPayloadLength(int payloadLength)
        {
        }

        public override void Complete()
        {
        }
    }
}
