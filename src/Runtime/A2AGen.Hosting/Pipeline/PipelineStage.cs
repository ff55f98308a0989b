namespace A2AGen.Hosting;

/// <summary>
/// A stage of the request pipeline (DESIGN §8). Every binding runs the same stages in the order of
/// <see cref="PipelineStages.Ordered"/>; logs and metrics name a rejection's stage by <see cref="PipelineStages.Name"/>.
/// </summary>
internal enum PipelineStage : byte
{
    /// <summary>Mutual TLS: the client certificate the host's trust verified (only when mutual TLS is configured).</summary>
    MutualTls,

    /// <summary>The request's media type (JSON) when it carries a body.</summary>
    MediaType,

    /// <summary>The request body, read whole within the agent's size limit.</summary>
    BodyLimit,

    /// <summary>The <c>A2A-Version</c> service parameter.</summary>
    Version,

    /// <summary>The binding's parse: the JSON-RPC envelope, or the HTTP+JSON route and body; names the operation.</summary>
    Parse,

    /// <summary>The <c>A2A-Extensions</c> service parameter against the card's required extensions.</summary>
    Extensions,

    /// <summary>The operation's typed request, decoded by the binding and validated by the operation.</summary>
    Params,

    /// <summary>The skill a message is for (message operations only).</summary>
    Routing,

    /// <summary>The request signature (<c>A2A-Signature</c>): required when the agent or the skill says so, verified whenever present.</summary>
    Signature,

    /// <summary>The signature's <c>jti</c> in the replay cache; recorded by the signature check as its last step.</summary>
    Replay,

    /// <summary>The Secure Passport of a message (message operations only).</summary>
    Passport,

    /// <summary>The Biscuit bearer token of a message to a <c>[RequiresBiscuit]</c> skill: verified, then authorized by the skill's policy.</summary>
    Biscuit,

    /// <summary>The skill's policy, or the operation's (anonymous task listing).</summary>
    Policy,

    /// <summary>Encrypted message parts decrypted and checked; plaintext refused where the skill requires encryption.</summary>
    Encryption,

    /// <summary>The operation runs and its result is written.</summary>
    Dispatch,

    /// <summary>Within <see cref="Dispatch"/>: finding the task an operation names.</summary>
    Task,

    /// <summary>Within <see cref="Dispatch"/>: the skill's own answer.</summary>
    Skill,
}

/// <summary>The one definition of the pipeline's order and of the stage names logs and metrics use.</summary>
internal static class PipelineStages
{
    /// <summary>The stages every request runs through, in order; the pipeline walks exactly this list.</summary>
    public static readonly PipelineStage[] Ordered =
    [
        PipelineStage.MutualTls,
        PipelineStage.MediaType,
        PipelineStage.BodyLimit,
        PipelineStage.Version,
        PipelineStage.Parse,
        PipelineStage.Extensions,
        PipelineStage.Params,
        PipelineStage.Routing,
        PipelineStage.Signature,
        PipelineStage.Replay,
        PipelineStage.Passport,
        PipelineStage.Biscuit,
        PipelineStage.Policy,
        PipelineStage.Encryption,
        PipelineStage.Dispatch,
    ];

    private static readonly string[] Names =
    [
        "mtls", "media-type", "body", "version", "parse", "extensions", "params", "routing",
        "signature", "replay", "passport", "biscuit", "policy", "encryption", "dispatch", "task", "skill",
    ];

    /// <summary>The stage's name in logs and metrics.</summary>
    public static string Name(this PipelineStage stage) => Names[(int)stage];

    /// <summary>Whether the stage is one of the security stages (timed together as verification).</summary>
    public static bool IsSecurity(this PipelineStage stage) => stage is >= PipelineStage.Signature and <= PipelineStage.Encryption;
}
