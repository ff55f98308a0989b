using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace A2AGen.Protocol.Serialization;

/// <summary>
/// ProtoJSON enum handling: writes the proto names (<c>ROLE_USER</c>); reads the names, their numbers, and the
/// v0.3 lower-case spellings (<c>user</c>).
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
/// <remarks>
/// Public only because <see cref="JsonConverterAttribute"/> on the enum names it, and System.Text.Json source
/// generation in a caller's assembly must be able to construct it; not meant to be used directly.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ProtoEnumConverter<TEnum> : JsonConverter<TEnum>, IProtoEnumNames
    where TEnum : struct, Enum
{
    private readonly string[] _names;
    private readonly Dictionary<string, TEnum> _byName;

    /// <summary>Creates the converter from the proto names (index = numeric value) and extra aliases.</summary>
    /// <param name="names">The proto names in numeric order.</param>
    /// <param name="aliases">Additional accepted spellings.</param>
    protected ProtoEnumConverter(string[] names, IReadOnlyDictionary<string, TEnum> aliases)
    {
        _names = names;
        _byName = new Dictionary<string, TEnum>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            _byName[names[i]] = ToEnum(i);
        }

        foreach (var (alias, value) in aliases)
        {
            _byName[alias] = value;
        }
    }

    /// <inheritdoc />
    IReadOnlyList<string> IProtoEnumNames.Names => _names;

    /// <summary>The proto name of a value.</summary>
    /// <param name="value">The value.</param>
    public string GetName(TEnum value)
    {
        var index = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        return (uint)index < (uint)_names.Length ? _names[index] : _names[0];
    }

    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number) && (uint)number < (uint)_names.Length)
        {
            return ToEnum(number);
        }

        if (reader.TokenType == JsonTokenType.String && _byName.TryGetValue(reader.GetString()!, out var value))
        {
            return value;
        }

        throw new JsonException($"Unknown {typeof(TEnum).Name} value. Expected one of: {string.Join(", ", _names)}.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(GetName(value));

    private static TEnum ToEnum(int value) => (TEnum)Enum.ToObject(typeof(TEnum), value);
}

/// <summary>The proto names of an enum converter (index = numeric value), for error messages.</summary>
internal interface IProtoEnumNames
{
    /// <summary>The names in numeric order; the first is the <c>…_UNSPECIFIED</c> value.</summary>
    IReadOnlyList<string> Names { get; }
}

/// <summary>ProtoJSON converter for <see cref="Role"/>.</summary>
/// <remarks>
/// Public only because <see cref="JsonConverterAttribute"/> on the enum names it, and System.Text.Json source
/// generation in a caller's assembly must be able to construct it; not meant to be used directly.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RoleConverter : ProtoEnumConverter<Role>
{
    /// <summary>Creates the converter.</summary>
    public RoleConverter()
        : base(
            ["ROLE_UNSPECIFIED", "ROLE_USER", "ROLE_AGENT"],
            new Dictionary<string, Role> { ["user"] = Role.User, ["agent"] = Role.Agent })
    {
    }
}

/// <summary>ProtoJSON converter for <see cref="TaskState"/>.</summary>
/// <remarks>
/// Public only because <see cref="JsonConverterAttribute"/> on the enum names it, and System.Text.Json source
/// generation in a caller's assembly must be able to construct it; not meant to be used directly.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TaskStateConverter : ProtoEnumConverter<TaskState>
{
    /// <summary>Creates the converter.</summary>
    public TaskStateConverter()
        : base(
            [
                "TASK_STATE_UNSPECIFIED", "TASK_STATE_SUBMITTED", "TASK_STATE_WORKING", "TASK_STATE_COMPLETED",
                "TASK_STATE_FAILED", "TASK_STATE_CANCELED", "TASK_STATE_INPUT_REQUIRED", "TASK_STATE_REJECTED",
                "TASK_STATE_AUTH_REQUIRED",
            ],
            new Dictionary<string, TaskState>
            {
                ["unknown"] = TaskState.Unspecified,
                ["submitted"] = TaskState.Submitted,
                ["working"] = TaskState.Working,
                ["completed"] = TaskState.Completed,
                ["failed"] = TaskState.Failed,
                ["canceled"] = TaskState.Canceled,
                ["input-required"] = TaskState.InputRequired,
                ["rejected"] = TaskState.Rejected,
                ["auth-required"] = TaskState.AuthRequired,
            })
    {
    }
}
