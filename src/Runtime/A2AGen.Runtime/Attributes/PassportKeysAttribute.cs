namespace A2AGen;

/// <summary>
/// Declares the Secure Passport state keys the agent understands. A2AGen generates a typed
/// <c>&lt;Agent&gt;Passport</c> class and declares the Secure Passport extension with <c>supportedStateKeys</c>
/// in the card.
/// </summary>
/// <remarks>
/// Keys are snake_case (<c>[a-z][a-z0-9_]{0,63}</c>); <c>user_preferred_currency</c> becomes the property
/// <c>UserPreferredCurrency</c>. With a state type, the keys are the type's JSON property names and the passport's
/// properties keep their types.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PassportKeysAttribute : Attribute
{
    /// <summary>Declares string-valued passport keys.</summary>
    /// <param name="keys">The state keys, snake_case.</param>
    public PassportKeysAttribute(params string[] keys)
    {
        Keys = keys;
    }

    /// <summary>Declares the passport state by a type whose public properties are the keys.</summary>
    /// <param name="stateType">A class or record with public readable properties.</param>
    public PassportKeysAttribute(Type stateType)
    {
        StateType = stateType;
        Keys = [];
    }

    /// <summary>The declared keys (empty when <see cref="StateType"/> is used).</summary>
    public string[] Keys { get; }

    /// <summary>The state type, when declared by type.</summary>
    public Type? StateType { get; }

    /// <summary>Whether the Secure Passport extension is declared <c>required</c> in the card.</summary>
    public bool Required { get; set; }
}
