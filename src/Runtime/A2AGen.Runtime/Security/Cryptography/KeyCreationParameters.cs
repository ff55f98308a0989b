namespace A2AGen.Security;

/// <summary>Options for creating or importing a <see cref="Key"/>.</summary>
public readonly record struct KeyCreationParameters
{
    /// <summary>Whether the secret key may be exported later; <see cref="KeyExportPolicies.None"/> by default.</summary>
    public KeyExportPolicies ExportPolicy { get; init; }
}
