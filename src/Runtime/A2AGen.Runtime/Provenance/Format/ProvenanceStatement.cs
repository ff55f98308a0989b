using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using A2AGen.Security;

namespace A2AGen.Provenance;

/// <summary>
/// The signed part of a provenance envelope: who (<c>iss</c>) vouches for which content (<c>digest</c>), produced in
/// which task and context, when, for whom, and from which parent envelopes. Its RFC 8785 form is the JWS payload.
/// </summary>
public sealed record ProvenanceStatement
{
    private const long MaxSafeInteger = 1L << 53;

    /// <summary>The format version; always 1.</summary>
    public int Version { get; init; } = 1;

    /// <summary><c>iss</c>: the signing agent's id (its trust-store name).</summary>
    public required string Issuer { get; init; }

    /// <summary><c>kind</c>.</summary>
    public required ProvenanceKind Kind { get; init; }

    /// <summary><c>digest</c>: <c>sha-256:</c> and the base64url SHA-256 of the content's RFC 8785 form without the envelope.</summary>
    public required string Digest { get; init; }

    /// <summary><c>taskId</c>; absent only for a message outside any task.</summary>
    public string? TaskId { get; init; }

    /// <summary><c>contextId</c>.</summary>
    public required string ContextId { get; init; }

    /// <summary><c>artifactId</c> (kind artifact) or <c>messageId</c> (kind message).</summary>
    public required string ContentId { get; init; }

    /// <summary><c>iat</c>: when it was signed, in seconds since the Unix epoch.</summary>
    public required long IssuedAt { get; init; }

    /// <summary><c>exp</c>, if the signer set one.</summary>
    public long? ExpiresAt { get; init; }

    /// <summary><c>aud</c>: the agent id or URL it is meant for, if the signer named one.</summary>
    public string? Audience { get; init; }

    /// <summary><c>parents</c>: the envelopes the content was made from (empty when none).</summary>
    public IReadOnlyList<ProvenanceParent> Parents { get; init; } = [];

    /// <summary>The statement as RFC 8785 JSON: the bytes the signature covers.</summary>
    public byte[] ToCanonicalJson() => TryWriteCanonical() ?? WriteThenCanonicalize();

    // The common case written straight in RFC 8785 form: members in UTF-16 order, integers as digits, strings without
    // anything to escape copied as UTF-8. Anything else (a quote, a backslash, a control character or a surrogate in
    // an id; a number out of range) takes the general path.
    private byte[]? TryWriteCanonical()
    {
        if (IssuedAt is < 0 or > MaxSafeInteger || ExpiresAt is < 0 or > MaxSafeInteger
            || !IsPlain(Issuer) || !IsPlain(Digest) || !IsPlain(ContextId) || !IsPlain(ContentId)
            || (TaskId is not null && !IsPlain(TaskId)) || (Audience is not null && !IsPlain(Audience)))
        {
            return null;
        }

        foreach (var parent in Parents)
        {
            if (!IsPlain(parent.Digest) || !IsPlain(parent.Issuer))
            {
                return null;
            }
        }

        var buffer = new ArrayBufferWriter<byte>(256 + (Parents.Count * 96));
        var artifact = Kind == ProvenanceKind.Artifact;
        Raw(buffer, "{"u8);
        if (artifact)
        {
            Member(buffer, ",\"artifactId\":"u8, ContentId, first: true);
        }

        if (Audience is not null)
        {
            Member(buffer, ",\"aud\":"u8, Audience, first: !artifact);
        }

        Member(buffer, ",\"contextId\":"u8, ContextId, first: !artifact && Audience is null);
        Member(buffer, ",\"digest\":"u8, Digest);
        if (ExpiresAt is { } expiresAt)
        {
            Raw(buffer, ",\"exp\":"u8);
            Integer(buffer, expiresAt);
        }

        Raw(buffer, ",\"iat\":"u8);
        Integer(buffer, IssuedAt);
        Member(buffer, ",\"iss\":"u8, Issuer);
        Raw(buffer, artifact ? ",\"kind\":\"artifact\""u8 : ",\"kind\":\"message\""u8);
        if (!artifact)
        {
            Member(buffer, ",\"messageId\":"u8, ContentId);
        }

        if (Parents.Count > 0)
        {
            Raw(buffer, ",\"parents\":["u8);
            for (int i = 0; i < Parents.Count; i++)
            {
                Member(buffer, i == 0 ? "{\"digest\":"u8 : ",{\"digest\":"u8, Parents[i].Digest);
                Member(buffer, ",\"iss\":"u8, Parents[i].Issuer);
                Raw(buffer, "}"u8);
            }

            Raw(buffer, "]"u8);
        }

        if (TaskId is not null)
        {
            Member(buffer, ",\"taskId\":"u8, TaskId);
        }

        Raw(buffer, ",\"v\":"u8);
        Integer(buffer, Version);
        Raw(buffer, "}"u8);
        return buffer.WrittenSpan.ToArray();
    }

    // RFC 8785 writes such a string as its UTF-8 between quotes.
    private static bool IsPlain(string value)
    {
        foreach (char c in value)
        {
            if (c < 0x20 || c == '"' || c == '\\' || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    private static void Member(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> name, string value, bool first = false)
    {
        Raw(buffer, first ? name[1..] : name);
        Raw(buffer, "\""u8);
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(value, span));
        Raw(buffer, "\""u8);
    }

    private static void Integer(ArrayBufferWriter<byte> buffer, long value)
    {
        var span = buffer.GetSpan(20);
        value.TryFormat(span, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        buffer.Advance(written);
    }

    private static void Raw(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes) => buffer.Write(bytes);

    private byte[] WriteThenCanonicalize()
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (Parents.Count * 96));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v"u8, Version);
            writer.WriteString("iss"u8, Issuer);
            writer.WriteString("kind"u8, Kind == ProvenanceKind.Artifact ? "artifact"u8 : "message"u8);
            writer.WriteString("digest"u8, Digest);
            if (TaskId is not null)
            {
                writer.WriteString("taskId"u8, TaskId);
            }

            writer.WriteString("contextId"u8, ContextId);
            writer.WriteString(Kind == ProvenanceKind.Artifact ? "artifactId"u8 : "messageId"u8, ContentId);
            writer.WriteNumber("iat"u8, IssuedAt);
            if (ExpiresAt is { } expiresAt)
            {
                writer.WriteNumber("exp"u8, expiresAt);
            }

            if (Audience is not null)
            {
                writer.WriteString("aud"u8, Audience);
            }

            if (Parents.Count > 0)
            {
                writer.WriteStartArray("parents"u8);
                foreach (var parent in Parents)
                {
                    writer.WriteStartObject();
                    writer.WriteString("digest"u8, parent.Digest);
                    writer.WriteString("iss"u8, parent.Issuer);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return JsonCanonicalizer.Canonicalize(buffer.WrittenSpan);
    }

    /// <summary>Reads a statement strictly: known members only, each once and of its type.</summary>
    internal static bool TryRead(JsonElement element, int maxParents, [NotNullWhen(true)] out ProvenanceStatement? statement, [NotNullWhen(false)] out string? problem)
    {
        statement = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = "'statement' must be a JSON object";
            return false;
        }

        int? version = null;
        string? issuer = null, kind = null, digest = null, taskId = null, contextId = null, artifactId = null, messageId = null, audience = null;
        long? issuedAt = null, expiresAt = null;
        List<ProvenanceParent>? parents = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            if (!seen.Add(member.Name))
            {
                problem = $"the statement has '{CallerText.Sanitize(member.Name)}' twice";
                return false;
            }

            var value = member.Value;
            problem = null;
            switch (member.Name)
            {
                case "v":
                    version = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int v) ? v : null;
                    problem = version is null ? "'v' must be a number" : null;
                    break;
                case "iss":
                    issuer = ReadString(value, "iss", out problem);
                    break;
                case "kind":
                    kind = ReadString(value, "kind", out problem);
                    break;
                case "digest":
                    digest = ReadString(value, "digest", out problem);
                    break;
                case "taskId":
                    taskId = ReadString(value, "taskId", out problem);
                    break;
                case "contextId":
                    contextId = ReadString(value, "contextId", out problem);
                    break;
                case "artifactId":
                    artifactId = ReadString(value, "artifactId", out problem);
                    break;
                case "messageId":
                    messageId = ReadString(value, "messageId", out problem);
                    break;
                case "aud":
                    audience = ReadString(value, "aud", out problem);
                    break;
                case "iat":
                    issuedAt = ReadTime(value, "iat", out problem);
                    break;
                case "exp":
                    expiresAt = ReadTime(value, "exp", out problem);
                    break;
                case "parents":
                    parents = ReadParents(value, maxParents, out problem);
                    break;
                default:
                    problem = $"the statement has an unknown member '{CallerText.Sanitize(member.Name)}'";
                    break;
            }

            if (problem is not null)
            {
                return false;
            }
        }

        problem = version switch
        {
            null => "the statement has no 'v'",
            not 1 => $"'v' is {version}; this verifier reads version 1",
            _ => null,
        };
        problem ??= issuer is null ? "the statement has no 'iss'" : AgentId.GetProblem(issuer) is { } idProblem ? $"'iss' is not an agent id: {idProblem}" : null;
        problem ??= kind switch
        {
            "artifact" when artifactId is null => "an artifact statement needs 'artifactId'",
            "artifact" when messageId is not null => "an artifact statement must not name a 'messageId'",
            "message" when messageId is null => "a message statement needs 'messageId'",
            "message" when artifactId is not null => "a message statement must not name an 'artifactId'",
            "artifact" or "message" => null,
            null => "the statement has no 'kind'",
            _ => $"'kind' is '{CallerText.Sanitize(kind)}', not 'artifact' or 'message'",
        };
        problem ??= digest is null ? "the statement has no 'digest'" : ProvenanceDigest.IsWellFormed(digest) ? null : "'digest' is not 'sha-256:' and 43 base64url characters";
        problem ??= contextId is null ? "the statement has no 'contextId'" : null;
        problem ??= taskId is null && kind == "artifact" ? "an artifact statement needs 'taskId'" : null;
        problem ??= issuedAt is null ? "the statement has no 'iat'" : null;
        problem ??= expiresAt is not null && expiresAt <= issuedAt ? "'exp' is not after 'iat'" : null;
        problem ??= audience is { Length: 0 } || contextId is { Length: 0 } || taskId is { Length: 0 } || (artifactId ?? messageId) is { Length: 0 } ? "ids and 'aud' must not be empty" : null;
        if (problem is not null)
        {
            return false;
        }

        statement = new ProvenanceStatement
        {
            Version = 1,
            Issuer = issuer!,
            Kind = kind == "artifact" ? ProvenanceKind.Artifact : ProvenanceKind.Message,
            Digest = digest!,
            TaskId = taskId,
            ContextId = contextId!,
            ContentId = (artifactId ?? messageId)!,
            IssuedAt = issuedAt!.Value,
            ExpiresAt = expiresAt,
            Audience = audience,
            Parents = parents ?? [],
        };
        return true;
    }

    private static string? ReadString(JsonElement value, string name, out string? problem)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            problem = $"'{name}' must be a string";
            return null;
        }

        problem = null;
        return value.GetString();
    }

    // Whole seconds that a double holds exactly (RFC 8785 writes numbers as ECMAScript doubles).
    private static long? ReadTime(JsonElement value, string name, out string? problem)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long seconds) && seconds is >= 0 and <= (1L << 53))
        {
            problem = null;
            return seconds;
        }

        problem = $"'{name}' must be whole seconds since 1970";
        return null;
    }

    private static List<ProvenanceParent>? ReadParents(JsonElement value, int maxParents, out string? problem)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            problem = "'parents' must be an array";
            return null;
        }

        if (value.GetArrayLength() > maxParents)
        {
            problem = $"the statement names more than {maxParents} parents";
            return null;
        }

        var parents = new List<ProvenanceParent>(value.GetArrayLength());
        var digests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in value.EnumerateArray())
        {
            string? digest = null, issuer = null;
            if (item.ValueKind == JsonValueKind.Object)
            {
                foreach (var member in item.EnumerateObject())
                {
                    switch (member.Name)
                    {
                        case "digest" when digest is null && member.Value.ValueKind == JsonValueKind.String:
                            digest = member.Value.GetString();
                            break;
                        case "iss" when issuer is null && member.Value.ValueKind == JsonValueKind.String:
                            issuer = member.Value.GetString();
                            break;
                        default:
                            problem = $"parent {parents.Count} has a repeated, mistyped or unknown member '{CallerText.Sanitize(member.Name)}'";
                            return null;
                    }
                }
            }

            if (digest is null || issuer is null || !ProvenanceDigest.IsWellFormed(digest) || !AgentId.IsValid(issuer))
            {
                problem = $"parent {parents.Count} must be {{\"digest\":\"sha-256:…\",\"iss\":<agent id>}}";
                return null;
            }

            if (!digests.Add(digest))
            {
                problem = $"parent {parents.Count} repeats the digest of an earlier parent";
                return null;
            }

            parents.Add(new ProvenanceParent(digest, issuer));
        }

        problem = null;
        return parents;
    }
}
