namespace A2AGen.Security;

/// <summary>Whether and how often the secret part of a <see cref="SigningKey"/> may be exported.</summary>
[Flags]
public enum SigningKeyExportPolicies
{
    /// <summary>The secret key can never be exported (the default).</summary>
    None = 0,

    /// <summary>The secret key can be exported any number of times.</summary>
    AllowPlaintextExport = 1,

    /// <summary>The secret key can be exported once (to write it to a key file, for example).</summary>
    AllowPlaintextArchiving = 2,
}
