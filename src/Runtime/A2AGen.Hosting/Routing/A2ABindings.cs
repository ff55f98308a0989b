namespace A2AGen.Hosting;

/// <summary>The A2A protocol bindings an agent serves (spec §5); its card lists one interface per binding served.</summary>
[Flags]
public enum A2ABindings
{
    /// <summary>JSON-RPC 2.0 (spec §9): POST to the agent's path.</summary>
    JsonRpc = 1,

    /// <summary>HTTP+JSON (spec §11): the REST routes under the agent's path (<c>/message:send</c>, <c>/tasks/{id}</c>, …), also under <c>/{tenant}/</c>.</summary>
    HttpJson = 2,

    /// <summary>Every binding A2AGen serves.</summary>
    All = JsonRpc | HttpJson,
}
