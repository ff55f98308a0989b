namespace A2AGen.Declarations.Model;

/// <summary>The agent's <c>[PassportKeys]</c> declaration and the typed passport class it produces.</summary>
/// <param name="ClassName">The generated class name, <c>&lt;Agent&gt;Passport</c>.</param>
/// <param name="ExtensionRequired">Whether the card declares the Secure Passport extension <c>required</c>.</param>
/// <param name="StateTypeName">The state type for <c>[PassportKeys(typeof(T))]</c>, as users read it; null for string keys.</param>
/// <param name="Keys">The keys in declaration order.</param>
internal sealed record PassportSpec(
    string ClassName,
    bool ExtensionRequired,
    string? StateTypeName,
    EquatableArray<PassportKeySpec> Keys);

/// <summary>How a passport value is read from its JSON state element.</summary>
internal enum PassportValueKind
{
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,
    DateTime,
    DateTimeOffset,
    Guid,
    Enum,

    /// <summary>Any other type: deserialized through <c>AgentPassport.TryGet</c> with the hosting's JSON metadata.</summary>
    Json,
}

/// <summary>How a collection-typed passport value is built.</summary>
internal enum PassportCollectionKind
{
    /// <summary>A single value.</summary>
    None,

    /// <summary><c>T[]</c>.</summary>
    Array,

    /// <summary><c>List&lt;T&gt;</c> or an interface it implements (<c>IReadOnlyList&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>, …).</summary>
    List,
}

/// <summary>One passport state key and its typed property.</summary>
/// <param name="Key">The state key (JSON name).</param>
/// <param name="PropertyName">The generated property name.</param>
/// <param name="PropertyTypeName">The property's type, fully qualified and nullable (absent keys read as null).</param>
/// <param name="Kind">How the value (or each element) is read.</param>
/// <param name="Collection">Whether the value is a collection of <see cref="Kind"/>.</param>
/// <param name="ValueTypeName">The value (or element) type, fully qualified, without nullable annotation.</param>
/// <param name="ValueIsValueType">Whether <see cref="ValueTypeName"/> is a value type.</param>
/// <param name="EnumMembers">For enums: the accepted JSON names and their members.</param>
internal sealed record PassportKeySpec(
    string Key,
    string PropertyName,
    string PropertyTypeName,
    PassportValueKind Kind,
    PassportCollectionKind Collection,
    string ValueTypeName,
    bool ValueIsValueType,
    EquatableArray<EnumMemberSpec> EnumMembers);

/// <summary>An enum member readable from passport state: its JSON name and C# member name.</summary>
internal sealed record EnumMemberSpec(string JsonName, string MemberName);
