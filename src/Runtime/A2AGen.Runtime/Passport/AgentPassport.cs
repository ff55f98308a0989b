using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Security;

namespace A2AGen.Passport;

/// <summary>
/// Base of the generated <c>&lt;Agent&gt;Passport</c> classes: the caller's identity, session and verification
/// status, the state, and typed access to any key. Every accessor reads the state's RFC 8785 (canonical) form — the
/// bytes a passport signature covers — so a skill reads exactly the values that were signed, however the caller
/// spelled them (<c>100000000000000008</c> and <c>1e17</c> are the same signed number, and read as 100000000000000000).
/// A value that has no canonical form (a lone surrogate, invalid UTF-8, a number beyond the double range) reads as
/// absent: no accessor throws because of what a caller sent.
/// </summary>
public abstract class AgentPassport
{
    private readonly JsonSerializerOptions _json;
    private readonly IReadOnlyDictionary<string, JsonElement> _received;
    private IReadOnlyDictionary<string, JsonElement>? _state;

    /// <summary>Wraps a received passport.</summary>
    /// <param name="context">The passport and its verification outcome; <see cref="PassportContext.Value"/> must be set.</param>
    /// <param name="json">Options that provide JSON metadata for <see cref="TryGet{T}(string, out T)"/>.</param>
    protected AgentPassport(PassportContext context, JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = context.Value ?? throw new ArgumentException("The passport context has no passport.", nameof(context));
        Context = context;
        ClientId = value.ClientId;
        SessionId = value.SessionId;
        _received = value.State;
        _json = json;
    }

    /// <summary>The received passport and its verification outcome.</summary>
    public PassportContext Context { get; }

    /// <summary>The calling agent's id as stated in the passport (verified when <see cref="IsSignatureVerified"/>).</summary>
    public string ClientId { get; }

    /// <summary>The session id, if any.</summary>
    public string? SessionId { get; }

    /// <summary>Whether the passport's signature was verified with a trusted key of <see cref="ClientId"/>.</summary>
    public bool IsSignatureVerified => Context.IsSignatureVerified;

    /// <summary>
    /// The state in its RFC 8785 form: each value as the signature covers it (numbers in their ECMAScript form, strings
    /// with only the mandatory escapes); values without a canonical form are left out. The state as received is
    /// <c>Context.Value.State</c>.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> State => _state ??= Canonical(_received);

    /// <summary>Reads any state key as <typeparamref name="T"/> (the escape hatch for undeclared keys).</summary>
    /// <typeparam name="T">The expected type; its JSON metadata comes from the hosting options.</typeparam>
    /// <param name="key">The state key.</param>
    /// <param name="value">The value when present and of the right shape.</param>
    /// <exception cref="NotSupportedException">
    /// The hosting options have no JSON metadata for <typeparamref name="T"/>: add a source-generated context for it to
    /// <c>A2AAgentOptions.Json</c>, or call the overload that takes a <see cref="JsonTypeInfo{T}"/>.
    /// </exception>
    public bool TryGet<T>(string key, [MaybeNullWhen(false)] out T value) =>
        TryGet(key, (JsonTypeInfo<T>)_json.GetTypeInfo(typeof(T)), out value);

    /// <summary>Reads any state key with explicit JSON metadata.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="key">The state key.</param>
    /// <param name="typeInfo">Its JSON metadata.</param>
    /// <param name="value">The value when present and of the right shape.</param>
    public bool TryGet<T>(string key, JsonTypeInfo<T> typeInfo, [MaybeNullWhen(false)] out T value)
    {
        value = default;
        if (!State.TryGetValue(key, out var element) || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return false;
        }

        try
        {
            value = element.Deserialize(typeInfo);
            return value is not null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            // Content that does not fit T reads as absent; only missing metadata (NotSupportedException) is the server's error.
            value = default;
            return false;
        }
    }

    /// <summary>A string-valued key (generated accessors use this); null when absent or not a string.</summary>
    /// <param name="key">The state key.</param>
    protected string? GetString(string key) =>
        State.TryGetValue(key, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null;

    // Each value canonicalized on its own: the canonical form of an object is made of its members' canonical forms, so
    // these are exactly the pieces of the signed payload.
    private static Dictionary<string, JsonElement> Canonical(IReadOnlyDictionary<string, JsonElement> received)
    {
        var state = new Dictionary<string, JsonElement>(received.Count, StringComparer.Ordinal);
        foreach (var (key, value) in received)
        {
            if (value.ValueKind == JsonValueKind.Undefined || !IsValidUtf16(key))
            {
                continue;
            }

            try
            {
                var canonical = JsonCanonicalizer.Canonicalize(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value));
                using var document = JsonDocument.Parse(canonical);
                state[key] = document.RootElement.Clone();
            }
            catch (FormatException)
            {
                // No canonical form (lone surrogate, invalid UTF-8, a number beyond the double range): never signed, never read.
            }
        }

        return state;
    }

    private static bool IsValidUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
