using System.Security.Cryptography;
using A2AGen.Protocol;

namespace A2AGen.Hosting;

/// <summary>The exact bytes of a served Agent Card and their entity tag (a hash of the bytes).</summary>
internal sealed class AgentCardDocument
{
    public AgentCardDocument(AgentCard card, byte[] json)
    {
        Card = card;
        Json = json;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(json, hash);
        ETag = "\"" + Convert.ToHexStringLower(hash[..16]) + "\"";
    }

    public AgentCard Card { get; }

    public byte[] Json { get; }

    public string ETag { get; }
}
