using System.Diagnostics;
using A2AGen.Passport;
using A2AGen.Security;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// One A2A request as it moves through the pipeline, whatever binding carried it: each stage fills in what it
/// verified (the body, the operation and its typed request, the skill, the signature, the passport).
/// </summary>
internal sealed class A2ARequest
{
    public A2ARequest(HttpContext http, AgentHost agent, Activity? activity, IA2ABinding? binding = null)
    {
        Http = http;
        Agent = agent;
        Activity = activity;
        Binding = binding ?? JsonRpcBinding.Instance;
    }

    public HttpContext Http { get; }

    public AgentHost Agent { get; }

    public Activity? Activity { get; }

    /// <summary>The binding that carried the request: it decodes the operation and encodes results and errors.</summary>
    public IA2ABinding Binding { get; }

    /// <summary>The stage now running, for logs and metrics of a rejection.</summary>
    public PipelineStage Stage { get; set; } = PipelineStage.BodyLimit;

    /// <summary>A refusal found early (mutual TLS) and answered once the body is read.</summary>
    public A2AError? PendingRefusal { get; set; }

    public RequestBody? Body { get; set; }

    /// <summary>The parsed JSON-RPC envelope (JSON-RPC binding).</summary>
    public JsonRpcEnvelope? Envelope { get; set; }

    /// <summary>The parsed JSON body (HTTP+JSON binding; gRPC: the message's ProtoJSON form), or null when the request has none.</summary>
    public System.Text.Json.JsonDocument? Document { get; set; }

    /// <summary>The parsed protobuf request message (gRPC binding).</summary>
    public Google.Protobuf.IMessage? GrpcMessage { get; set; }

    /// <summary>The JSON-RPC request id to echo (raw JSON), empty for null.</summary>
    public ReadOnlyMemory<byte> Id { get; set; }

    /// <summary>Whether the request speaks A2A 0.3 (JSON-RPC only): decoded from, and answered in, 0.3 shapes.</summary>
    public bool IsV03 { get; set; }

    /// <summary>The operation the request names, once parsed.</summary>
    public A2AOperation Operation { get; set; }

    /// <summary>The operation's name for telemetry (<c>_OTHER</c> for names no A2A version defines).</summary>
    public string Method { get; set; } = "unknown";

    /// <summary>The operation's typed request (<see cref="Protocol.SendMessageRequest"/>, …), once decoded.</summary>
    public object? Input { get; set; }

    /// <summary>The skill a message operation is routed to.</summary>
    public SkillDescriptor? Skill { get; set; }

    public string[] ActivatedExtensions { get; set; } = [];

    /// <summary>The verified request signature, or null for an unsigned request.</summary>
    public VerifiedRequestSignature? Signature { get; set; }

    /// <summary>The verified mTLS peer identity (set when mutual TLS is configured).</summary>
    public string? PeerIdentity { get; set; }

    /// <summary>The client certificate the host's trust verified, or null.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? PeerCertificate { get; set; }

    /// <summary>The passport and its verification outcome (message operations only).</summary>
    public PassportContext? Passport { get; set; }

    /// <summary>The decrypted parts and the answer's recipient of an encrypted message, or null for plaintext.</summary>
    public RequestEncryption? Encryption { get; set; }

    /// <summary>When the security stages started (for the verification-duration histogram), or 0.</summary>
    public long VerificationStarted { get; set; }

    /// <summary>The task owner key of the verified caller, or null for anonymous callers.</summary>
    public string? CallerId => CallerIdentity.Of(Signature, PeerIdentity, Http.User);

    /// <summary>What the pipeline verified about the caller so far.</summary>
    public VerifiedCaller Caller => new(Signature, PeerIdentity, PeerCertificate, Http.User);

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The task a message operation created or continued (what an idempotent retry answers), or null.</summary>
    public string? CreatedTaskId { get; set; }

    /// <summary>The direct reply of a skill that answers with a message (what an idempotent retry answers), or null.</summary>
    public Protocol.Message? DirectReply { get; set; }

    /// <summary>A request field's path as the binding names it (<c>params.message</c> in JSON-RPC, <c>message</c> in HTTP+JSON).</summary>
    public string Field(string path) => Binding.FieldPath(path);
}
