using System.Diagnostics;
using A2AGen.Passport;
using A2AGen.Security;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>One JSON-RPC request as it moves through the pipeline stages; each stage fills in what it verified.</summary>
internal sealed class A2ARequest
{
    public A2ARequest(HttpContext http, AgentHost agent, Activity? activity)
    {
        Http = http;
        Agent = agent;
        Activity = activity;
    }

    public HttpContext Http { get; }

    public AgentHost Agent { get; }

    public Activity? Activity { get; }

    /// <summary>The stage now running, for logs and metrics of a rejection.</summary>
    public string Stage { get; set; } = "body";

    public RequestBody? Body { get; set; }

    public JsonRpcEnvelope? Envelope { get; set; }

    /// <summary>The request id to echo (raw JSON), empty for null.</summary>
    public ReadOnlyMemory<byte> Id { get; set; }

    public string Method { get; set; } = "unknown";

    public string[] ActivatedExtensions { get; set; } = [];

    /// <summary>The verified request signature, or null for an unsigned request.</summary>
    public VerifiedRequestSignature? Signature { get; set; }

    /// <summary>The verified mTLS peer identity (set when mutual TLS is configured).</summary>
    public string? PeerIdentity { get; set; }

    /// <summary>The client certificate the host's trust verified, or null.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? PeerCertificate { get; set; }

    /// <summary>The passport and its verification outcome (message methods only).</summary>
    public PassportContext? Passport { get; set; }

    /// <summary>The task owner key of the verified caller, or null for anonymous callers.</summary>
    public string? CallerId => CallerIdentity.Of(Signature, PeerIdentity, Http.User);

    /// <summary>What the pipeline verified about the caller so far.</summary>
    public VerifiedCaller Caller => new(Signature, PeerIdentity, PeerCertificate, Http.User);

    public CancellationToken Aborted => Http.RequestAborted;
}
