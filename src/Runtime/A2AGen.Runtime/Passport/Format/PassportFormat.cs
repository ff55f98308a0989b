using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Passport;

/// <summary>
/// The Secure Passport wire format (DESIGN §6.5): the extension URI (also the message metadata key), the signature
/// profile's <c>typ</c>, how a <c>clientId</c> names a trust-store entry, and the signed bytes — the RFC 8785
/// canonical JSON of the passport without <c>signature</c>.
/// </summary>
public static class PassportFormat
{
    /// <summary>The extension URI and metadata key, as published by the A2A samples.</summary>
    public const string ExtensionUri = A2AProtocol.SecurePassportExtensionUri;

    /// <summary>The <c>typ</c> of a passport signature's protected header.</summary>
    public const string SignatureType = "a2a-passport+jws";

    /// <summary>
    /// The prefix the published sample writes before agent names (<c>a2a://travel-orchestrator.com</c>); a
    /// <c>clientId</c> with it names the same agent as one without.
    /// </summary>
    public const string ClientIdScheme = "a2a://";

    private const int MaxRetainedScratch = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The agent id a <c>clientId</c> names: the <c>clientId</c> itself, or what follows <c>a2a://</c>, when that is a
    /// valid <see cref="AgentId"/>; otherwise false (such a client can never be trusted, since the trust store holds
    /// keys by agent id).
    /// </summary>
    /// <param name="clientId">The passport's <c>clientId</c>.</param>
    /// <param name="agentId">The agent id.</param>
    public static bool TryGetAgentId(string? clientId, [NotNullWhen(true)] out string? agentId)
    {
        agentId = clientId is not null && clientId.StartsWith(ClientIdScheme, StringComparison.Ordinal) ? clientId[ClientIdScheme.Length..] : clientId;
        if (AgentId.IsValid(agentId))
        {
            return true;
        }

        agentId = null;
        return false;
    }

    /// <summary>
    /// The bytes a passport signature covers: RFC 8785 canonical JSON of <c>{clientId, sessionId?, state}</c> — the
    /// passport without <c>signature</c>.
    /// </summary>
    /// <param name="passport">The passport.</param>
    /// <exception cref="FormatException">The state holds a value canonical JSON cannot express (a number beyond the double range, a lone surrogate, duplicate member names, no value at all).</exception>
    public static byte[] GetSigningPayload(CallerContext passport)
    {
        ArgumentNullException.ThrowIfNull(passport);
        var payload = new ArrayBufferWriter<byte>(256);
        WriteSigningPayload(passport, payload);
        return payload.WrittenSpan.ToArray();
    }

    /// <summary>Writes the signing payload into <paramref name="destination"/>, with scratch buffers reused per thread.</summary>
    /// <exception cref="FormatException">The state cannot be canonicalized.</exception>
    internal static void WriteSigningPayload(CallerContext passport, IBufferWriter<byte> destination)
    {
        var scratch = t_scratch ??= new ArrayBufferWriter<byte>(512);
        scratch.ResetWrittenCount();
        try
        {
            WritePassport(scratch, passport, includeSignature: false);
            JsonCanonicalizer.Canonicalize(scratch.WrittenSpan, destination);
        }
        finally
        {
            if (scratch.Capacity > MaxRetainedScratch)
            {
                t_scratch = null;
            }
        }
    }

    /// <summary>Writes the passport's wire JSON (members in canonical order; <c>state</c> as given).</summary>
    internal static void WritePassport(IBufferWriter<byte> destination, CallerContext passport, bool includeSignature)
    {
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(destination, WriterOptions);
        }
        else
        {
            writer.Reset(destination);
        }

        try
        {
            WritePassport(writer, passport, includeSignature);
        }
        finally
        {
            // Never keep a reference to the caller's buffer.
            writer.Reset(Stream.Null);
        }
    }

    private static void WritePassport(Utf8JsonWriter writer, CallerContext passport, bool includeSignature)
    {
        writer.WriteStartObject();
        writer.WriteString("clientId"u8, passport.ClientId);
        if (passport.SessionId is { } sessionId)
        {
            writer.WriteString("sessionId"u8, sessionId);
        }

        if (includeSignature && passport.Signature is { } signature)
        {
            writer.WriteString("signature"u8, signature);
        }

        writer.WriteStartObject("state"u8);
        foreach (var (key, value) in passport.State)
        {
            if (value.ValueKind == JsonValueKind.Undefined)
            {
                throw new FormatException($"The state key '{key}' has no value (default JsonElement).");
            }

            writer.WritePropertyName(key);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
    }
}
