using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using A2AGen.Security;

namespace A2AGen.Provenance;

/// <summary>
/// A provenance envelope as carried in metadata under <see cref="ProvenanceFormat.MetadataKey"/>:
/// <c>{"statement":{…},"signature":"&lt;protected&gt;..&lt;signature&gt;","ancestors":[…]}</c>. The statement is kept in
/// its RFC 8785 form (canonicalized once, when read), which is both the signature's payload and part of the
/// envelope's own digest, so a chain is never canonicalized twice. Immutable.
/// </summary>
public sealed class ProvenanceEnvelope
{
    private ProvenanceEnvelope(ProvenanceStatement statement, byte[] statementJson, string signature, IReadOnlyList<ProvenanceEnvelope> ancestors, string digest)
    {
        Statement = statement;
        StatementJson = statementJson;
        Signature = signature;
        Ancestors = ancestors;
        Digest = digest;
    }

    /// <summary>The statement.</summary>
    public ProvenanceStatement Statement { get; }

    /// <summary>The statement's RFC 8785 form: the detached JWS payload.</summary>
    public ReadOnlyMemory<byte> StatementJson { get; }

    /// <summary>The detached compact JWS over <see cref="StatementJson"/> (<c>&lt;protected&gt;..&lt;signature&gt;</c>).</summary>
    public string Signature { get; }

    /// <summary>Carried parent envelopes (each without ancestors of its own): unsigned, checked against the parents' digests.</summary>
    public IReadOnlyList<ProvenanceEnvelope> Ancestors { get; }

    /// <summary>
    /// This envelope's digest as a child's <c>parents</c> entry names it: <c>sha-256:</c> over the RFC 8785 form of
    /// <c>{"signature":…,"statement":…}</c> (ancestors left out).
    /// </summary>
    public string Digest { get; }

    /// <summary>The size of the envelope's signed part in bytes (statement and signature).</summary>
    public int SignedSize => StatementJson.Length + Signature.Length;

    /// <summary>Reads an envelope strictly (known members only; ancestors must not carry ancestors).</summary>
    /// <param name="element">The metadata value.</param>
    /// <param name="limits">Size limits; defaults when null.</param>
    /// <exception cref="FormatException">The envelope is malformed or over a limit (the message says which).</exception>
    public static ProvenanceEnvelope Parse(JsonElement element, ProvenanceLimits? limits = null) =>
        TryParse(element, limits ?? ProvenanceLimits.Default, out var envelope, out var problem) ? envelope : throw new FormatException(problem.Detail);

    /// <summary>Reads an envelope from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The envelope JSON.</param>
    /// <param name="limits">Size limits; defaults when null.</param>
    /// <exception cref="FormatException">The JSON or the envelope is malformed or over a limit.</exception>
    public static ProvenanceEnvelope Parse(ReadOnlySpan<byte> utf8Json, ProvenanceLimits? limits = null)
    {
        limits ??= ProvenanceLimits.Default;
        if (utf8Json.Length > limits.MaxChainBytes)
        {
            throw new FormatException($"the envelope is larger than {limits.MaxChainBytes} bytes");
        }

        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 16 });
            return Parse(document.RootElement, limits);
        }
        catch (JsonException)
        {
            throw new FormatException("the envelope is not valid JSON");
        }
    }

    /// <summary>The envelope as JSON (the metadata value): statement, signature and, when there are any, ancestors.</summary>
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(StatementJson.Length + Signature.Length + 64 + Ancestors.Sum(a => a.SignedSize + 40));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The envelope as a <see cref="JsonElement"/> for a metadata dictionary.</summary>
    public JsonElement ToJsonElement() => JsonElement.Parse(ToJson());

    /// <summary>Writes the envelope JSON.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteSignedMembers(writer);
        if (Ancestors.Count > 0)
        {
            writer.WriteStartArray("ancestors"u8);
            foreach (var ancestor in Ancestors)
            {
                writer.WriteStartObject();
                ancestor.WriteSignedMembers(writer);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>This envelope without its carried ancestors (what a child carries, and what a digest covers).</summary>
    public ProvenanceEnvelope WithoutAncestors() =>
        Ancestors.Count == 0 ? this : new ProvenanceEnvelope(Statement, (byte[])StatementJson.ToArray(), Signature, [], Digest);

    /// <summary>This envelope carrying <paramref name="ancestors"/> (unsigned: they change no digest).</summary>
    /// <param name="ancestors">Envelopes without ancestors of their own.</param>
    public ProvenanceEnvelope WithAncestors(IReadOnlyList<ProvenanceEnvelope> ancestors)
    {
        ArgumentNullException.ThrowIfNull(ancestors);
        if (ancestors.Any(a => a.Ancestors.Count > 0))
        {
            throw new ArgumentException("A carried ancestor must not carry ancestors of its own; pass WithoutAncestors().", nameof(ancestors));
        }

        return new ProvenanceEnvelope(Statement, StatementJson.ToArray(), Signature, ancestors, Digest);
    }

    internal static ProvenanceEnvelope Create(ProvenanceStatement statement, byte[] canonicalStatement, string signature, IReadOnlyList<ProvenanceEnvelope> ancestors) =>
        new(statement, canonicalStatement, signature, ancestors, ComputeDigest(canonicalStatement, signature));

    internal static bool TryParse(JsonElement element, ProvenanceLimits limits, [NotNullWhen(true)] out ProvenanceEnvelope? envelope, [NotNullWhen(false)] out ProvenanceProblem? problem)
    {
        envelope = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = ProvenanceProblem.Malformed("the envelope must be a JSON object");
            return false;
        }

        // The size check comes first: nothing of an oversized chain is canonicalized or hashed.
        int size = JsonMarshal.GetRawUtf8Value(element).Length;
        if (size > limits.MaxChainBytes)
        {
            problem = new ProvenanceProblem(ProvenanceReasons.ChainTooLarge, $"the envelope with its ancestors is {size} bytes; the limit is {limits.MaxChainBytes}");
            return false;
        }

        if (!TryParseOne(element, limits, allowAncestors: true, out var root, out var ancestorsElement, out problem))
        {
            return false;
        }

        if (ancestorsElement is not { } list)
        {
            envelope = root;
            return true;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            problem = ProvenanceProblem.Malformed("'ancestors' must be an array");
            return false;
        }

        int count = list.GetArrayLength();
        if (count > limits.MaxLinks)
        {
            problem = new ProvenanceProblem(ProvenanceReasons.ChainTooLarge, $"the envelope carries {count} ancestors; the limit is {limits.MaxLinks} links");
            return false;
        }

        var ancestors = new ProvenanceEnvelope[count];
        int index = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (!TryParseOne(item, limits, allowAncestors: false, out var ancestor, out _, out var ancestorProblem))
            {
                problem = ancestorProblem with { Detail = $"ancestor {index}: {ancestorProblem.Detail}" };
                return false;
            }

            ancestors[index++] = ancestor;
        }

        envelope = new ProvenanceEnvelope(root.Statement, (byte[])root.StatementJson.ToArray(), root.Signature, ancestors, root.Digest);
        return true;
    }

    private static bool TryParseOne(JsonElement element, ProvenanceLimits limits, bool allowAncestors, [NotNullWhen(true)] out ProvenanceEnvelope? envelope, out JsonElement? ancestors, [NotNullWhen(false)] out ProvenanceProblem? problem)
    {
        envelope = null;
        ancestors = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = ProvenanceProblem.Malformed("an envelope must be a JSON object");
            return false;
        }

        JsonElement? statementElement = null;
        string? signature = null;
        foreach (var member in element.EnumerateObject())
        {
            switch (member.Name)
            {
                case "statement" when statementElement is null:
                    statementElement = member.Value;
                    break;
                case "signature" when signature is null && member.Value.ValueKind == JsonValueKind.String:
                    signature = member.Value.GetString();
                    break;
                case "ancestors" when allowAncestors && ancestors is null:
                    ancestors = member.Value;
                    break;
                case "ancestors":
                    problem = ProvenanceProblem.Malformed("a carried ancestor must not carry ancestors of its own");
                    return false;
                default:
                    problem = ProvenanceProblem.Malformed($"the envelope has a repeated, mistyped or unknown member '{CallerText.Sanitize(member.Name)}'");
                    return false;
            }
        }

        if (statementElement is not { } statementValue || signature is null)
        {
            problem = ProvenanceProblem.Malformed(statementElement is null ? "the envelope has no 'statement'" : "the envelope has no string 'signature'");
            return false;
        }

        if (!IsDetachedCompactJws(signature))
        {
            problem = ProvenanceProblem.Malformed("'signature' is not a detached compact JWS ('<protected>..<signature>', base64url)");
            return false;
        }

        if (!ProvenanceStatement.TryRead(statementValue, limits.MaxParents, out var statement, out string? statementProblem))
        {
            problem = ProvenanceProblem.Malformed(statementProblem);
            return false;
        }

        byte[] canonical;
        try
        {
            canonical = JsonCanonicalizer.Canonicalize(JsonMarshal.GetRawUtf8Value(statementValue));
        }
        catch (FormatException e)
        {
            problem = ProvenanceProblem.Malformed($"the statement cannot be canonicalized: {e.Message}");
            return false;
        }

        envelope = new ProvenanceEnvelope(statement, canonical, signature, [], ComputeDigest(canonical, signature));
        problem = null;
        return true;
    }

    // Base64url segments and two dots: JSON writes such a string without escapes, so its RFC 8785 form is itself quoted.
    private static bool IsDetachedCompactJws(string signature)
    {
        int first = signature.IndexOf("..", StringComparison.Ordinal);
        return first > 0
            && first + 2 < signature.Length
            && signature.Length <= 8 * 1024
            && StrictBase64Url.IsCanonical(signature.AsSpan(0, first))
            && StrictBase64Url.IsCanonical(signature.AsSpan(first + 2));
    }

    private static string ComputeDigest(ReadOnlySpan<byte> canonicalStatement, string signature)
    {
        // RFC 8785 of {"signature":"…","statement":{…}}: members in code-unit order, the signature needs no escapes.
        ReadOnlySpan<byte> opening = "{\"signature\":\""u8;
        ReadOnlySpan<byte> middle = "\",\"statement\":"u8;
        int length = opening.Length + signature.Length + middle.Length + canonicalStatement.Length + 1;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var span = rented.AsSpan(0, length);
            opening.CopyTo(span);
            int position = opening.Length;
            position += Encoding.ASCII.GetBytes(signature, span[position..]);
            middle.CopyTo(span[position..]);
            position += middle.Length;
            canonicalStatement.CopyTo(span[position..]);
            span[^1] = (byte)'}';
            return ProvenanceDigest.Compute(span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void WriteSignedMembers(Utf8JsonWriter writer)
    {
        writer.WritePropertyName("statement"u8);
        writer.WriteRawValue(StatementJson.Span, skipInputValidation: true);
        writer.WriteString("signature"u8, Signature);
    }
}
