using System.Net;
using System.Security.Authentication;
using Grpc.Core;
using Grpc.Net.Client;
using Wire = Lf.A2a.V1;

namespace A2AGen.Conformance.Tests.Bindings;

/// <summary>GRPC-SVC-003: gRPC over HTTP/2 with TLS, against the conformance agent with its gRPC endpoint on TLS.</summary>
public sealed class GrpcTlsTests(TlsConformanceHost host) : IClassFixture<TlsConformanceHost>
{
    [Fact, Trait("tck", "GRPC-SVC-003")]
    public async Task GRPC_SVC_003_gRPC_runs_over_HTTP_2_with_TLS()
    {
        // The card announces the TLS endpoint; the suite's client calls it and completes a task.
        Assert.Equal("https", host.GrpcAddress.Scheme);
        var grpc = (GrpcBinding)host.Client(Binding.Grpc, "tls-" + Guid.NewGuid().ToString("N"));
        var task = (await grpc.SendAsync(Tck.Send("tck-complete-task"))).Task;
        Assert.Equal("TASK_STATE_COMPLETED", Tck.State(task));
        Assert.True(host.NegotiatedProtocol is SslProtocols.Tls12 or SslProtocols.Tls13, $"TLS version: {host.NegotiatedProtocol}");

        // HTTP/2 on that connection (chosen by ALPN).
        using var http = new HttpClient(host.Handler(pin: true)) { BaseAddress = host.GrpcAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/lf.a2a.v1.A2AService/ListTasks")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(new byte[5]),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.Add("a2a-version", "1.0");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpVersion.Version20, response.Version);

        // The TLS is real: a client that does not trust the certificate gets no answer, and cleartext is not served there.
        using var untrusting = GrpcChannel.ForAddress(host.GrpcAddress, new GrpcChannelOptions { HttpHandler = host.Handler(pin: false) });
        var refused = await Assert.ThrowsAsync<RpcException>(() => new Wire.A2AService.A2AServiceClient(untrusting).ListTasksAsync(new Wire.ListTasksRequest(), grpc.Metadata()).ResponseAsync);
        Assert.Contains(Chain(refused.Status.DebugException), e => e is AuthenticationException);
        using var cleartext = GrpcChannel.ForAddress(new UriBuilder(host.GrpcAddress) { Scheme = "http" }.Uri);
        await Assert.ThrowsAsync<RpcException>(() => new Wire.A2AService.A2AServiceClient(cleartext).ListTasksAsync(new Wire.ListTasksRequest(), grpc.Metadata()).ResponseAsync);
    }

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception;
        }
    }
}
