namespace A2AGen.Security;

/// <summary>Options for creating or importing a <see cref="SigningKey"/>.</summary>
public readonly record struct SigningKeyOptions
{
    /// <summary>Whether the secret key may be exported later; <see cref="SigningKeyExportPolicies.None"/> by default.</summary>
    public SigningKeyExportPolicies ExportPolicy { get; init; }
}
