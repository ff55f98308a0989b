using A2AGen.Protocol;

namespace A2AGen.Hosting;

/// <summary>The exact bytes of a served Agent Card (signed or not) and their entity tag (a hash of the bytes).</summary>
internal sealed class AgentCardDocument
{
    public AgentCardDocument(AgentCard card, byte[] json)
    {
        Card = card;
        Json = json;
        ETag = WellKnownResponse.EntityTagOf(json);
    }

    /// <summary>The card as served, without its signatures.</summary>
    public AgentCard Card { get; }

    public byte[] Json { get; }

    public string ETag { get; }
}
