using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace A2AGen.Passport;

/// <summary>
/// Base of the generated <c>&lt;Agent&gt;Passport</c> classes: the caller's identity, session and verification
/// status, the raw state, and typed access to any key.
/// </summary>
public abstract class AgentPassport
{
    private readonly JsonSerializerOptions _json;

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
        State = value.State;
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

    /// <summary>The raw state.</summary>
    public IReadOnlyDictionary<string, JsonElement> State { get; }

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
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A string-valued key (generated accessors use this); null when absent or not a string.</summary>
    /// <param name="key">The state key.</param>
    protected string? GetString(string key) =>
        State.TryGetValue(key, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null;
}
